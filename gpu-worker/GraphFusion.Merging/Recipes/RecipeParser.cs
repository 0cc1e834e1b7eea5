using System.Globalization;
using GraphFusion.Merging.SafeTensors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GraphFusion.Merging.Recipes;

/// <summary>Reads recipe YAML into a <see cref="MergeRecipe"/>, collecting (not throwing) structural problems.</summary>
internal static class RecipeParser
{
    private static readonly HashSet<string> TopLevelKeys =
        ["merge_method", "base_model", "models", "parameters", "dtype", "out_dtype", "mismatched", "seed", "output_rank", "max_shard_size"];

    private static readonly HashSet<string> ModelKeys = ["model", "parameters"];

    public static MergeRecipe Parse(string yaml, string baseDirectory, string? sourcePath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new RecipeValidationException([$"{sourcePath ?? "recipe"}: invalid YAML at line {ex.Start.Line}: {ex.Message}"]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new RecipeValidationException([$"{sourcePath ?? "recipe"}: the recipe must be a YAML mapping"]);
        }

        var problems = new List<string>();
        string? method = null, baseName = null;
        var models = new List<RecipeModel>();
        IReadOnlyDictionary<string, ParameterValue> globals = new Dictionary<string, ParameterValue>();
        SafeTensorsDType? dtype = null, outDtype = null;
        MismatchRule? mismatched = null;
        ulong seed = 0;
        int? outputRank = null;
        long maxShard = MergeRecipe.DefaultMaxShardBytes;

        foreach ((YamlNode keyNode, YamlNode value) in root.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            switch (key)
            {
                case "merge_method":
                    method = Scalar(value, key, problems);
                    break;
                case "base_model":
                    baseName = Scalar(value, key, problems);
                    break;
                case "models":
                    models = ParseModels(value, baseDirectory, problems);
                    break;
                case "parameters":
                    globals = ParseParameters(value, "parameters", problems);
                    break;
                case "dtype":
                    dtype = ParseDType(value, key, problems);
                    break;
                case "out_dtype":
                    outDtype = ParseDType(value, key, problems);
                    break;
                case "mismatched":
                    string? rule = Scalar(value, key, problems);
                    mismatched = rule is null ? null : MismatchRule.Parse(rule);
                    break;
                case "seed":
                    if (!ulong.TryParse(Scalar(value, key, problems), NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
                    {
                        problems.Add($"line {value.Start.Line}: 'seed' must be a non-negative integer");
                    }
                    break;
                case "output_rank":
                    if (int.TryParse(Scalar(value, key, problems), NumberStyles.Integer, CultureInfo.InvariantCulture, out int rank) && rank > 0)
                    {
                        outputRank = rank;
                    }
                    else
                    {
                        problems.Add($"line {value.Start.Line}: 'output_rank' must be a positive integer");
                    }
                    break;
                case "max_shard_size":
                    if (TryParseSize(Scalar(value, key, problems), out long size))
                    {
                        maxShard = size;
                    }
                    else
                    {
                        problems.Add($"line {value.Start.Line}: 'max_shard_size' must be a positive byte count such as 2000000000, \"500MB\" or \"5GB\"");
                    }
                    break;
                default:
                    problems.Add($"line {keyNode.Start.Line}: unknown key '{key}' (known: {string.Join(", ", TopLevelKeys)})");
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(method))
        {
            problems.Add("'merge_method' is missing");
        }
        if (models.Count == 0)
        {
            problems.Add("'models' is missing or empty");
        }
        return new MergeRecipe
        {
            SourcePath = sourcePath,
            BaseDirectory = baseDirectory,
            Text = yaml,
            MergeMethod = method ?? string.Empty,
            BaseModelName = baseName,
            BaseModel = baseName is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, baseName)),
            Models = models,
            Parameters = globals,
            DType = dtype,
            OutDType = outDtype,
            Mismatched = mismatched,
            Seed = seed,
            OutputRank = outputRank,
            MaxShardBytes = maxShard,
            SyntaxProblems = problems,
        };
    }

    private static List<RecipeModel> ParseModels(YamlNode node, string baseDirectory, List<string> problems)
    {
        var result = new List<RecipeModel>();
        if (node is not YamlSequenceNode seq)
        {
            problems.Add($"line {node.Start.Line}: 'models' must be a list");
            return result;
        }
        int index = 0;
        foreach (YamlNode item in seq.Children)
        {
            string where = $"models[{index++}]";
            if (item is YamlScalarNode shorthand && !string.IsNullOrWhiteSpace(shorthand.Value))
            {
                result.Add(new RecipeModel(shorthand.Value, Path.GetFullPath(Path.Combine(baseDirectory, shorthand.Value)), new Dictionary<string, ParameterValue>()));
                continue;
            }
            if (item is not YamlMappingNode map)
            {
                problems.Add($"line {item.Start.Line}: {where} must be a mapping with 'model'");
                continue;
            }
            string? name = null;
            IReadOnlyDictionary<string, ParameterValue> parameters = new Dictionary<string, ParameterValue>();
            foreach ((YamlNode k, YamlNode v) in map.Children)
            {
                string key = ((YamlScalarNode)k).Value ?? string.Empty;
                if (key == "model")
                {
                    name = Scalar(v, $"{where}.model", problems);
                }
                else if (key == "parameters")
                {
                    parameters = ParseParameters(v, $"{where}.parameters", problems);
                }
                else
                {
                    problems.Add($"line {k.Start.Line}: unknown key '{key}' in {where} (known: {string.Join(", ", ModelKeys)})");
                }
            }
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"line {item.Start.Line}: {where} has no 'model' path");
                continue;
            }
            result.Add(new RecipeModel(name, Path.GetFullPath(Path.Combine(baseDirectory, name)), parameters));
        }
        return result;
    }

    private static Dictionary<string, ParameterValue> ParseParameters(YamlNode node, string where, List<string> problems)
    {
        var result = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            problems.Add($"line {node.Start.Line}: '{where}' must be a mapping");
            return result;
        }
        foreach ((YamlNode k, YamlNode v) in map.Children)
        {
            string key = ((YamlScalarNode)k).Value ?? string.Empty;
            ParameterValue? value = ParseValue(v, $"{where}.{key}", problems, allowFilters: true);
            if (value is not null)
            {
                result[key] = value;
            }
        }
        return result;
    }

    private static ParameterValue? ParseValue(YamlNode node, string where, List<string> problems, bool allowFilters)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                if (TryParseNumber(scalar.Value, out double d))
                {
                    return new ScalarParameter(d);
                }
                problems.Add($"line {node.Start.Line}: '{where}' must be a number or true/false, got '{scalar.Value}'");
                return null;
            case YamlSequenceNode seq when seq.Children.Count > 0 && seq.Children.All(c => c is YamlScalarNode):
                var anchors = new List<double>();
                foreach (YamlScalarNode c in seq.Children.Cast<YamlScalarNode>())
                {
                    if (!TryParseNumber(c.Value, out double a))
                    {
                        problems.Add($"line {c.Start.Line}: gradient '{where}' must contain numbers, got '{c.Value}'");
                        return null;
                    }
                    anchors.Add(a);
                }
                return new GradientParameter(anchors);
            case YamlSequenceNode seq when allowFilters && seq.Children.Count > 0 && seq.Children.All(c => c is YamlMappingNode):
                var entries = new List<(string?, ParameterValue)>();
                foreach (YamlMappingNode entry in seq.Children.Cast<YamlMappingNode>())
                {
                    string? filter = null;
                    ParameterValue? value = null;
                    foreach ((YamlNode k, YamlNode v) in entry.Children)
                    {
                        string key = ((YamlScalarNode)k).Value ?? string.Empty;
                        if (key == "filter")
                        {
                            filter = (v as YamlScalarNode)?.Value;
                        }
                        else if (key == "value")
                        {
                            value = ParseValue(v, where, problems, allowFilters: false);
                        }
                        else
                        {
                            problems.Add($"line {k.Start.Line}: unknown key '{key}' in '{where}' (known: filter, value)");
                        }
                    }
                    if (value is null)
                    {
                        problems.Add($"line {entry.Start.Line}: an entry of '{where}' has no valid 'value'");
                        continue;
                    }
                    entries.Add((filter, value));
                }
                return new FilteredParameter(entries);
            default:
                problems.Add($"line {node.Start.Line}: '{where}' must be a number, a list of numbers (gradient) or a list of {{filter, value}}");
                return null;
        }
    }

    private static bool TryParseNumber(string? text, out double value)
    {
        value = 0;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "true":
                value = 1;
                return true;
            case "false":
                value = 0;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
    }

    private static SafeTensorsDType? ParseDType(YamlNode node, string key, List<string> problems)
    {
        string? text = Scalar(node, key, problems);
        if (text is null)
        {
            return null;
        }
        if (SafeTensorsDTypes.TryParse(text, out SafeTensorsDType dtype) && SafeTensorsDTypes.IsMergeable(dtype))
        {
            return dtype;
        }
        problems.Add($"line {node.Start.Line}: '{key}' must be one of float32, float16, bfloat16, float64; got '{text}'");
        return null;
    }

    private static string? Scalar(YamlNode node, string key, List<string> problems)
    {
        if (node is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value))
        {
            return s.Value;
        }
        problems.Add($"line {node.Start.Line}: '{key}' must be a non-empty scalar");
        return null;
    }

    private static bool TryParseSize(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        string t = text.Trim().ToUpperInvariant();
        long multiplier = 1;
        foreach ((string suffix, long m) in new[] { ("GB", 1_000_000_000L), ("MB", 1_000_000L), ("KB", 1_000L), ("B", 1L) })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                multiplier = m;
                t = t[..^suffix.Length].Trim();
                break;
            }
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && v * multiplier < long.MaxValue)
        {
            bytes = (long)(v * multiplier);
            return true;
        }
        return false;
    }
}
