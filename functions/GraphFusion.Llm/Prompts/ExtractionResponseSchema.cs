using System.Text.Json;
using System.Text.Json.Nodes;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;

namespace GraphFusion.Llm.Prompts;

/// <summary>The JSON schema of the model's answer: entities (name, type) and triplets (head, relation, tail).</summary>
public static class ExtractionResponseSchema
{
    public const string Name = "graph_extraction";

    public static IReadOnlyList<string> EntityTypes { get; } =
        [EntityTyper.Task, EntityTyper.Method, EntityTyper.Metric, EntityTyper.Material, EntityTyper.Concept];

    public static JsonElement Build(RelationSchema schema)
    {
        var entity = ObjectOf(
            ("name", new JsonObject { ["type"] = "string" }),
            ("type", new JsonObject { ["type"] = "string", ["enum"] = ArrayOf(EntityTypes) }));
        var triplet = ObjectOf(
            ("head", new JsonObject { ["type"] = "string" }),
            ("relation", new JsonObject { ["type"] = "string", ["enum"] = ArrayOf(schema.Types.Select(t => t.Name)) }),
            ("tail", new JsonObject { ["type"] = "string" }));
        var root = ObjectOf(
            ("entities", new JsonObject { ["type"] = "array", ["items"] = entity }),
            ("triplets", new JsonObject { ["type"] = "array", ["items"] = triplet }));
        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonObject ObjectOf(params (string Name, JsonNode Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = ArrayOf(properties.Select(p => p.Name)),
            ["additionalProperties"] = false,
        };
    }

    private static JsonArray ArrayOf(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
