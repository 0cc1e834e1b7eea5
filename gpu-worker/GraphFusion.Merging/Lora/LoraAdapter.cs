using System.Numerics.Tensors;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Lora;

/// <summary>One LoRA-adapted linear module: its factor tensors and the scale of its task vector.</summary>
/// <param name="ModuleName">Module path without the PEFT prefix, e.g. "distilbert.transformer.layer.0.attention.q_lin".</param>
/// <param name="TargetWeightName">Name of the base weight the delta applies to, e.g. "...q_lin.weight".</param>
/// <param name="LoraAName">Stored name of A (r×in).</param>
/// <param name="LoraBName">Stored name of B (out×r).</param>
/// <param name="Rank">r.</param>
/// <param name="Scale">alpha/r (or alpha/√r).</param>
/// <param name="OutFeatures">Rows of the delta.</param>
/// <param name="InFeatures">Columns of the delta.</param>
public sealed record LoraModule(
    string ModuleName, string TargetWeightName, string LoraAName, string LoraBName,
    int Rank, double Scale, long OutFeatures, long InFeatures)
{
    /// <summary>Shape of the task vector (and of the target weight).</summary>
    public IReadOnlyList<long> DeltaShape => [OutFeatures, InFeatures];
}

/// <summary>
/// A PEFT LoRA adapter folder (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>), exposing the
/// task vector of every adapted module, τ = (alpha/r)·B·A, and the non-LoRA tensors it stores
/// (e.g. <c>modules_to_save</c> heads) under their target names.
/// </summary>
public sealed class LoraAdapter : IDisposable
{
    /// <summary>Weights file name inside an adapter folder.</summary>
    public const string WeightsFileName = "adapter_model.safetensors";

    private const string PeftPrefix = "base_model.model.";

    private LoraAdapter(string directory, LoraAdapterConfig config, SafeTensorsCheckpoint weights,
        Dictionary<string, LoraModule> modules, Dictionary<string, string> extras, List<string> problems)
    {
        Directory = directory;
        Config = config;
        Weights = weights;
        Modules = modules;
        ExtraTensors = extras;
        Problems = problems;
    }

    /// <summary>Adapter folder.</summary>
    public string Directory { get; }

    /// <summary>Parsed config.</summary>
    public LoraAdapterConfig Config { get; }

    /// <summary>The adapter weights file.</summary>
    public SafeTensorsCheckpoint Weights { get; }

    /// <summary>LoRA modules keyed by target weight name.</summary>
    public IReadOnlyDictionary<string, LoraModule> Modules { get; }

    /// <summary>Non-LoRA tensors: target name (prefix stripped) → stored name.</summary>
    public IReadOnlyDictionary<string, string> ExtraTensors { get; }

    /// <summary>Structural problems found while opening (unpaired factors, rank mismatches, unsupported variants).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>True when <paramref name="path"/> is a folder holding an adapter config.</summary>
    public static bool IsAdapter(string path) => File.Exists(Path.Combine(path, LoraAdapterConfig.FileName));

    /// <summary>Opens an adapter folder, reading only the config and the safetensors header.</summary>
    public static LoraAdapter Open(string directory)
    {
        LoraAdapterConfig config = LoraAdapterConfig.Load(Path.Combine(directory, LoraAdapterConfig.FileName));
        string weightsPath = Path.Combine(directory, WeightsFileName);
        if (!File.Exists(weightsPath))
        {
            throw new FileNotFoundException($"{directory}: {WeightsFileName} not found", weightsPath);
        }
        SafeTensorsCheckpoint weights = SafeTensorsCheckpoint.Open(weightsPath);
        var problems = new List<string>();
        if (!string.Equals(config.PeftType, "LORA", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{directory}: peft_type '{config.PeftType}' is not LORA");
        }
        if (config.UseDora)
        {
            problems.Add($"{directory}: DoRA adapters (use_dora) cannot be merged as B·A task vectors");
        }

        var aByModule = new Dictionary<string, string>(StringComparer.Ordinal);
        var bByModule = new Dictionary<string, string>(StringComparer.Ordinal);
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in weights.Tensors.Keys)
        {
            if (TrySplitLoraName(name, out string module, out bool isA))
            {
                (isA ? aByModule : bByModule)[module] = name;
            }
            else if (name.Contains(".lora_", StringComparison.Ordinal))
            {
                problems.Add($"{directory}: tensor '{name}' is a LoRA variant that is not supported (only lora_A/lora_B of linear layers)");
            }
            else
            {
                extras[StripPrefix(name)] = name;
            }
        }

        var modules = new Dictionary<string, LoraModule>(StringComparer.Ordinal);
        foreach (string module in aByModule.Keys.Union(bByModule.Keys).Order(StringComparer.Ordinal))
        {
            if (!aByModule.TryGetValue(module, out string? aName) || !bByModule.TryGetValue(module, out string? bName))
            {
                problems.Add($"{directory}: module '{module}' has only one of lora_A / lora_B");
                continue;
            }
            TensorInfo a = weights.Tensors[aName];
            TensorInfo b = weights.Tensors[bName];
            if (a.Shape.Count != 2 || b.Shape.Count != 2 || a.Shape[0] != b.Shape[1])
            {
                problems.Add($"{directory}: module '{module}': lora_A {a.ShapeText} and lora_B {b.ShapeText} do not form B·A");
                continue;
            }
            if (!SafeTensorsDTypes.IsMergeable(a.DType) || !SafeTensorsDTypes.IsMergeable(b.DType))
            {
                problems.Add($"{directory}: module '{module}': factors must be floating point");
                continue;
            }
            int rank = (int)a.Shape[0];
            int configured = config.RankFor(module);
            if (configured != rank)
            {
                problems.Add($"{directory}: module '{module}': config rank {configured} differs from the stored factor rank {rank}");
                continue;
            }
            long outF = b.Shape[0], inF = a.Shape[1];
            if (config.FanInFanOut)
            {
                (outF, inF) = (inF, outF);
            }
            modules[module + ".weight"] = new LoraModule(module, module + ".weight", aName, bName, rank,
                config.ScaleFor(module, rank), outF, inF);
        }
        return new LoraAdapter(directory, config, weights, modules, extras, problems);
    }

    /// <summary>Splits "base_model.model.X.lora_A[.default].weight" into module X and the factor kind.</summary>
    public static bool TrySplitLoraName(string tensorName, out string module, out bool isA)
    {
        module = string.Empty;
        isA = false;
        string name = StripPrefix(tensorName);
        foreach ((string marker, bool a) in new[] { (".lora_A.", true), (".lora_B.", false) })
        {
            int i = name.LastIndexOf(marker, StringComparison.Ordinal);
            if (i < 0)
            {
                continue;
            }
            string tail = name[(i + marker.Length)..];
            if (tail == "weight" || (tail.EndsWith(".weight", StringComparison.Ordinal) && !tail[..^7].Contains('.', StringComparison.Ordinal)))
            {
                module = name[..i];
                isA = a;
                return true;
            }
        }
        return false;
    }

    /// <summary>Removes the PEFT "base_model.model." prefix.</summary>
    public static string StripPrefix(string name) =>
        name.StartsWith(PeftPrefix, StringComparison.Ordinal) ? name[PeftPrefix.Length..] : name;

    /// <summary>Task vector of <paramref name="module"/>: scale·B·A (transposed when fan_in_fan_out), row-major out×in.</summary>
    public float[] ComputeDelta(LoraModule module)
    {
        float[] a = Weights.ReadFloat(module.LoraAName);
        float[] b = Weights.ReadFloat(module.LoraBName);
        int r = module.Rank;
        int bRows = (int)Weights.Tensors[module.LoraBName].Shape[0];
        int aCols = (int)Weights.Tensors[module.LoraAName].Shape[1];
        float[] delta = ComputeProduct(b, a, bRows, r, aCols, (float)module.Scale);
        return Config.FanInFanOut ? Transpose(delta, bRows, aCols) : delta;
    }

    /// <summary>scale·B·A for row-major B (rows×r) and A (r×cols).</summary>
    public static float[] ComputeProduct(ReadOnlySpan<float> b, ReadOnlySpan<float> a, int rows, int r, int cols, float scale)
    {
        float[] delta = new float[checked(rows * cols)];
        for (int i = 0; i < rows; i++)
        {
            Span<float> row = delta.AsSpan(i * cols, cols);
            for (int k = 0; k < r; k++)
            {
                float coefficient = b[(i * r) + k] * scale;
                if (coefficient != 0)
                {
                    TensorPrimitives.MultiplyAdd(a.Slice(k * cols, cols), coefficient, row, row);
                }
            }
        }
        return delta;
    }

    private static float[] Transpose(float[] m, int rows, int cols)
    {
        float[] t = new float[m.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[(j * rows) + i] = m[(i * cols) + j];
            }
        }
        return t;
    }

    /// <inheritdoc />
    public void Dispose() => Weights.Dispose();
}
