using GraphFusion.Merging.Lora;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>Kind of output a recipe produces.</summary>
public enum MergeOutputKind
{
    /// <summary>A full safetensors checkpoint (sharded when large).</summary>
    Checkpoint,
    /// <summary>A PEFT LoRA adapter (task vectors merged and re-factorised).</summary>
    Adapter,
}

/// <summary>One unit of work producing one or more output tensors.</summary>
internal abstract record PlanItem(string Label)
{
    public abstract IReadOnlyList<TensorSpec> Outputs { get; }
}

/// <summary>Merge one tensor with the method.</summary>
internal sealed record MergeTensorItem(
    TensorSpec Output, IReadOnlyList<IReadOnlyDictionary<string, double>> ModelParameters,
    IReadOnlyDictionary<string, double> GlobalParameters) : PlanItem(Output.Name)
{
    public override IReadOnlyList<TensorSpec> Outputs => [Output];
}

/// <summary>Copy one tensor from one input (converting floats when the output type differs).</summary>
internal sealed record CopyTensorItem(TensorSpec Output, InputModel Source, string SourceName) : PlanItem(Output.Name)
{
    public override IReadOnlyList<TensorSpec> Outputs => [Output];
}

/// <summary>
/// Produce the LoRA factors of one module of a merged adapter: merge the task vectors with the method (or take
/// one adapter's task vector when <see cref="Source"/> is set) and re-factorise at <see cref="Rank"/>.
/// </summary>
internal sealed record AdapterModuleItem(
    string TargetName, string ModuleName, TensorSpec LoraA, TensorSpec LoraB, int Rank, int Rows, int Cols,
    InputModel? Source, IReadOnlyList<IReadOnlyDictionary<string, double>> ModelParameters,
    IReadOnlyDictionary<string, double> GlobalParameters) : PlanItem(TargetName)
{
    public override IReadOnlyList<TensorSpec> Outputs => [LoraA, LoraB];
}

/// <summary>A validated recipe bound to its opened inputs (headers only), ready to execute.</summary>
internal sealed class MergePlan : IDisposable
{
    public required IMergeMethod Method { get; init; }
    public required MergeOutputKind Kind { get; init; }
    public required InputModel? Base { get; init; }
    public required IReadOnlyList<InputModel> Models { get; init; }
    public required IReadOnlyList<PlanItem> Items { get; init; }
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    public required ulong Seed { get; init; }
    public required long MaxShardBytes { get; init; }
    public int SkippedTensors { get; init; }

    /// <summary>The adapters (adapter output only), in recipe order.</summary>
    public IReadOnlyList<LoraAdapter> Adapters => Models.OfType<AdapterInput>().Select(a => a.Adapter).ToList();

    public long BytesRead => (Base?.BytesRead ?? 0) + Models.Sum(m => m.BytesRead);

    public void Dispose()
    {
        Base?.Dispose();
        foreach (InputModel m in Models)
        {
            m.Dispose();
        }
    }
}
