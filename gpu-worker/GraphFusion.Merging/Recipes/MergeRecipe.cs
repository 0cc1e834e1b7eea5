using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Recipes;

/// <summary>One entry of <c>models</c>.</summary>
/// <param name="Name">The path as written in the recipe (also used to refer to the model in rules).</param>
/// <param name="Path">The path resolved against the recipe's folder.</param>
/// <param name="Parameters">Per-model parameters.</param>
public sealed record RecipeModel(string Name, string Path, IReadOnlyDictionary<string, ParameterValue> Parameters);

/// <summary>
/// A merge recipe in the YAML shape mergekit users know (<c>merge_method</c>, <c>base_model</c>, <c>models</c>,
/// <c>parameters</c>, <c>dtype</c>/<c>out_dtype</c>) plus <c>mismatched</c>, <c>seed</c>, <c>output_rank</c>
/// and <c>max_shard_size</c>. Loading never reads model files; <see cref="RecipeValidator"/> checks everything.
/// </summary>
public sealed class MergeRecipe
{
    /// <summary>Default largest shard size (5 GB).</summary>
    public const long DefaultMaxShardBytes = 5_000_000_000;

    /// <summary>The recipe file, if loaded from one.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Folder relative model paths are resolved against.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The recipe text (recorded in the output metadata).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary><c>merge_method</c>.</summary>
    public string MergeMethod { get; init; } = string.Empty;

    /// <summary>Resolved <c>base_model</c> path, or null.</summary>
    public string? BaseModel { get; init; }

    /// <summary><c>base_model</c> as written.</summary>
    public string? BaseModelName { get; init; }

    /// <summary><c>models</c>.</summary>
    public IReadOnlyList<RecipeModel> Models { get; init; } = [];

    /// <summary>Global <c>parameters</c> (also the fallback for per-model parameters).</summary>
    public IReadOnlyDictionary<string, ParameterValue> Parameters { get; init; } = new Dictionary<string, ParameterValue>();

    /// <summary><c>dtype</c>: output type when <c>out_dtype</c> is absent (arithmetic is always float32).</summary>
    public SafeTensorsDType? DType { get; init; }

    /// <summary><c>out_dtype</c>.</summary>
    public SafeTensorsDType? OutDType { get; init; }

    /// <summary>The type written for merged tensors, or null to keep the reference input's type.</summary>
    public SafeTensorsDType? OutputDType => OutDType ?? DType;

    /// <summary><c>mismatched</c>, or null when not given (mismatches are then errors).</summary>
    public MismatchRule? Mismatched { get; init; }

    /// <summary><c>seed</c> for the random methods (default 0).</summary>
    public ulong Seed { get; init; }

    /// <summary><c>output_rank</c> for adapter outputs; null = lossless (sum of the input ranks).</summary>
    public int? OutputRank { get; init; }

    /// <summary><c>max_shard_size</c> in bytes.</summary>
    public long MaxShardBytes { get; init; } = DefaultMaxShardBytes;

    /// <summary>Problems found while reading the YAML (unknown keys, wrong types); reported by the validator.</summary>
    public IReadOnlyList<string> SyntaxProblems { get; init; } = [];

    /// <summary>Loads a recipe file; relative model paths resolve against its folder.</summary>
    public static MergeRecipe Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new RecipeValidationException([$"recipe file not found: {full}"]);
        }
        return RecipeParser.Parse(File.ReadAllText(full), System.IO.Path.GetDirectoryName(full)!, full);
    }

    /// <summary>Parses recipe text; relative model paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static MergeRecipe Parse(string yaml, string baseDirectory) =>
        RecipeParser.Parse(yaml, System.IO.Path.GetFullPath(baseDirectory), null);
}
