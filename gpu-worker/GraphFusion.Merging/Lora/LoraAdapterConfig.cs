using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GraphFusion.Merging.Lora;

/// <summary>The parts of a PEFT <c>adapter_config.json</c> needed to turn LoRA factors into task vectors.</summary>
public sealed class LoraAdapterConfig
{
    /// <summary>Config file name inside an adapter folder.</summary>
    public const string FileName = "adapter_config.json";

    private LoraAdapterConfig(JsonObject raw)
    {
        Raw = raw;
    }

    /// <summary>The whole config, kept so that a merged adapter can reuse unrelated fields.</summary>
    public JsonObject Raw { get; }

    /// <summary><c>peft_type</c>.</summary>
    public string PeftType { get; private init; } = "LORA";

    /// <summary>Default rank <c>r</c>.</summary>
    public int Rank { get; private init; }

    /// <summary>Default <c>lora_alpha</c>.</summary>
    public double Alpha { get; private init; }

    /// <summary>Per-module rank overrides (key: module name pattern).</summary>
    public IReadOnlyDictionary<string, int> RankPattern { get; private init; } = new Dictionary<string, int>();

    /// <summary>Per-module alpha overrides (key: module name pattern).</summary>
    public IReadOnlyDictionary<string, double> AlphaPattern { get; private init; } = new Dictionary<string, double>();

    /// <summary>Rank-stabilised scaling alpha/√r instead of alpha/r.</summary>
    public bool UseRsLora { get; private init; }

    /// <summary>Weights stored as (in, out) (GPT-2 Conv1D); the delta is then transposed.</summary>
    public bool FanInFanOut { get; private init; }

    /// <summary>DoRA adapters cannot be expressed as B·A and are rejected.</summary>
    public bool UseDora { get; private init; }

    /// <summary><c>base_model_name_or_path</c>.</summary>
    public string? BaseModelNameOrPath { get; private init; }

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    public static LoraAdapterConfig Load(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {ex.Message}", ex);
        }
        if (node is not JsonObject o)
        {
            throw new InvalidDataException($"{path}: not a JSON object");
        }
        try
        {
            return new LoraAdapterConfig(o)
            {
                PeftType = o["peft_type"]?.GetValue<string>() ?? "LORA",
                Rank = o["r"]?.GetValue<int>() ?? throw new InvalidDataException($"{path}: missing 'r'"),
                Alpha = o["lora_alpha"]?.GetValue<double>() ?? throw new InvalidDataException($"{path}: missing 'lora_alpha'"),
                RankPattern = ReadMap(o["rank_pattern"], n => n.GetValue<int>()),
                AlphaPattern = ReadMap(o["alpha_pattern"], n => n.GetValue<double>()),
                UseRsLora = o["use_rslora"]?.GetValue<bool>() ?? false,
                FanInFanOut = o["fan_in_fan_out"]?.GetValue<bool>() ?? false,
                UseDora = o["use_dora"]?.GetValue<bool>() ?? false,
                BaseModelNameOrPath = o["base_model_name_or_path"]?.GetValue<string>(),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: unexpected value type: {ex.Message}", ex);
        }
    }

    private static Dictionary<string, T> ReadMap<T>(JsonNode? node, Func<JsonNode, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (KeyValuePair<string, JsonNode?> kv in o)
            {
                if (kv.Value is not null)
                {
                    result[kv.Key] = read(kv.Value);
                }
            }
        }
        return result;
    }

    /// <summary>Rank for <paramref name="moduleName"/>, honouring <c>rank_pattern</c>.</summary>
    public int RankFor(string moduleName) => Match(RankPattern, moduleName, out int r) ? r : Rank;

    /// <summary>Alpha for <paramref name="moduleName"/>, honouring <c>alpha_pattern</c>.</summary>
    public double AlphaFor(string moduleName) => Match(AlphaPattern, moduleName, out double a) ? a : Alpha;

    /// <summary>Scale applied to B·A: alpha/r, or alpha/√r with rsLoRA.</summary>
    public double ScaleFor(string moduleName, int rank)
    {
        double alpha = AlphaFor(moduleName);
        return UseRsLora ? alpha / Math.Sqrt(rank) : alpha / rank;
    }

    /// <summary>
    /// Pattern lookup: a key matches when it equals the module name, is a dotted suffix of it, or matches it
    /// as a regular expression anchored at a dotted boundary at the end. The longest matching key wins.
    /// </summary>
    internal static bool Match<T>(IReadOnlyDictionary<string, T> patterns, string moduleName, out T value)
    {
        value = default!;
        string? best = null;
        foreach (string key in patterns.Keys)
        {
            bool hit = moduleName == key || moduleName.EndsWith("." + key, StringComparison.Ordinal);
            if (!hit)
            {
                try
                {
                    hit = Regex.IsMatch(moduleName, $"^(.*\\.)?(?:{key})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException)
                {
                    hit = false;
                }
            }
            if (hit && (best is null || key.Length > best.Length))
            {
                best = key;
            }
        }
        if (best is null)
        {
            return false;
        }
        value = patterns[best];
        return true;
    }
}
