using System.Text.Json;

namespace GraphFusion.Llm.Parsing;

/// <summary>
/// Reads the model's answer into entities and triplets. Strict JSON first; otherwise <see cref="JsonRepair"/>. Accepts the
/// common shapes models produce (a bare array of triplets, subject/predicate/object names, [head, relation, tail] arrays).
/// </summary>
public static class ExtractionResponseParser
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
    private static readonly string[] TripletLists = ["triplets", "triples", "relations", "relationships", "edges"];
    private static readonly string[] EntityLists = ["entities", "concepts", "nodes"];
    private static readonly string[] HeadNames = ["head", "subject", "source", "from"];
    private static readonly string[] RelationNames = ["relation", "predicate", "relation_type", "type", "label"];
    private static readonly string[] TailNames = ["tail", "object", "target", "to"];
    private static readonly string[] EntityNames = ["name", "entity", "text", "surface"];
    private static readonly string[] EntityTypeNames = ["type", "label", "category"];

    /// <exception cref="LlmResponseFormatException">The answer holds no usable JSON.</exception>
    public static RawExtraction Parse(string answer)
    {
        var value = JsonRepair.ExtractValue(answer)
            ?? throw new LlmResponseFormatException("The model's answer contains no JSON object or array.", LlmResponseFormatException.Excerpt(answer));
        var repaired = value.Length != answer.Trim().Length;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(value, Lenient);
        }
        catch (JsonException)
        {
            try
            {
                document = JsonDocument.Parse(JsonRepair.Repair(value), Lenient);
                repaired = true;
            }
            catch (JsonException ex)
            {
                throw new LlmResponseFormatException("The model's answer is not valid JSON, even after repair.", LlmResponseFormatException.Excerpt(answer), ex);
            }
        }

        using (document)
        {
            return Read(document.RootElement, answer) with { Repaired = repaired };
        }
    }

    private static RawExtraction Read(JsonElement root, string answer)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return new RawExtraction([], ReadTriplets(root), false);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LlmResponseFormatException("The model's answer is JSON but neither an object nor an array.", LlmResponseFormatException.Excerpt(answer));
        }

        var triplets = Property(root, TripletLists);
        var entities = Property(root, EntityLists);
        if (triplets is null && entities is null)
        {
            throw new LlmResponseFormatException("The model's answer has neither a \"triplets\" nor an \"entities\" list.", LlmResponseFormatException.Excerpt(answer));
        }

        return new RawExtraction(
            entities is { ValueKind: JsonValueKind.Array } e ? ReadEntities(e) : [],
            triplets is { ValueKind: JsonValueKind.Array } t ? ReadTriplets(t) : [],
            false);
    }

    private static List<RawTriplet> ReadTriplets(JsonElement array)
    {
        var triplets = new List<RawTriplet>();
        foreach (var item in array.EnumerateArray())
        {
            string? head = null, relation = null, tail = null;
            if (item.ValueKind == JsonValueKind.Object)
            {
                head = Text(Property(item, HeadNames));
                relation = Text(Property(item, RelationNames));
                tail = Text(Property(item, TailNames));
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 3)
            {
                head = Text(item[0]);
                relation = Text(item[1]);
                tail = Text(item[2]);
            }

            if (!string.IsNullOrWhiteSpace(head) && !string.IsNullOrWhiteSpace(relation) && !string.IsNullOrWhiteSpace(tail))
            {
                triplets.Add(new RawTriplet(head.Trim(), relation.Trim(), tail.Trim()));
            }
        }

        return triplets;
    }

    private static List<RawEntity> ReadEntities(JsonElement array)
    {
        var entities = new List<RawEntity>();
        foreach (var item in array.EnumerateArray())
        {
            var (name, type) = item.ValueKind == JsonValueKind.Object
                ? (Text(Property(item, EntityNames)), Text(Property(item, EntityTypeNames)))
                : (Text(item), null);
            if (!string.IsNullOrWhiteSpace(name))
            {
                entities.Add(new RawEntity(name.Trim(), string.IsNullOrWhiteSpace(type) ? null : type.Trim()));
            }
        }

        return entities;
    }

    private static JsonElement? Property(JsonElement element, string[] names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (names.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement? element) => element?.ValueKind switch
    {
        JsonValueKind.String => element.Value.GetString(),
        JsonValueKind.Number => element.Value.GetRawText(),
        _ => null,
    };
}
