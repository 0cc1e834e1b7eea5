using System.Text.Json;
using System.Text.Json.Nodes;
using GraphFusion.Merging.Lora;

namespace GraphFusion.Merging.Execution;

/// <summary>
/// Writes <c>adapter_config.json</c> for a merged adapter. Fields of the first input adapter are kept; rank
/// fields describe the new factors, whose scale is folded into B (lora_alpha = r, so alpha/r = 1).
/// </summary>
internal static class AdapterConfigWriter
{
    public static void Write(string path, IReadOnlyList<LoraAdapter> adapters, IReadOnlyList<AdapterModuleItem> modules, bool keptExtras)
    {
        var config = (JsonObject)adapters[0].Config.Raw.DeepClone();
        int r = modules.Count == 0 ? 1 : modules.Max(m => m.Rank);
        var rankPattern = new JsonObject();
        var alphaPattern = new JsonObject();
        foreach (AdapterModuleItem m in modules.Where(m => m.Rank != r))
        {
            rankPattern[m.ModuleName] = m.Rank;
            alphaPattern[m.ModuleName] = m.Rank;
        }
        config["r"] = r;
        config["lora_alpha"] = r;
        config["rank_pattern"] = rankPattern;
        config["alpha_pattern"] = alphaPattern;
        config["use_rslora"] = false;
        config["target_modules"] = UnionOfLists(adapters.Select(a => a.Config.Raw["target_modules"]));
        config["modules_to_save"] = keptExtras ? UnionOfLists(adapters.Select(a => a.Config.Raw["modules_to_save"])) : null;
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonNode? UnionOfLists(IEnumerable<JsonNode?> nodes)
    {
        var values = new List<string>();
        JsonNode? firstNonList = null;
        foreach (JsonNode? n in nodes)
        {
            if (n is JsonArray arr)
            {
                foreach (JsonNode? v in arr)
                {
                    if (v?.GetValue<string>() is { } s && !values.Contains(s))
                    {
                        values.Add(s);
                    }
                }
            }
            else if (n is not null)
            {
                firstNonList ??= n.DeepClone();
            }
        }
        if (values.Count == 0)
        {
            return firstNonList;
        }
        return new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
    }
}
