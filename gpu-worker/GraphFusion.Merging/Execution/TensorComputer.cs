using GraphFusion.Merging.LinearAlgebra;
using GraphFusion.Merging.Methods;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>Bytes for the output tensors of one plan item, plus reconstruction statistics for adapter modules.</summary>
internal sealed record ItemOutput(PlanItem Item, IReadOnlyList<byte[]> Data, double ErrorSquared, double NormSquared, bool IsFactorised);

/// <summary>Computes plan items: reads the inputs of one item, merges, converts to the output type.</summary>
internal sealed class TensorComputer(MergePlan plan)
{
    public ItemOutput Compute(PlanItem item) => item switch
    {
        MergeTensorItem m => new ItemOutput(item, [DTypeConverter.FromFloat(MergeTensor(m.Output.Name, m.ModelParameters, m.GlobalParameters, zeroBase: false), m.Output.DType)], 0, 0, false),
        CopyTensorItem c => Copy(c),
        AdapterModuleItem a => Factorise(a),
        _ => throw new InvalidOperationException($"unknown plan item {item.GetType().Name}"),
    };

    private float[] MergeTensor(string name, IReadOnlyList<IReadOnlyDictionary<string, double>> perModel,
        IReadOnlyDictionary<string, double> global, bool zeroBase)
    {
        IMergeMethod method = plan.Method;
        float[]? baseTensor = null;
        var models = new List<float[]>(plan.Models.Count);
        foreach (InputModel m in plan.Models)
        {
            models.Add(m.ReadFloat(name));
        }
        if (method.RequiresBase)
        {
            baseTensor = zeroBase || plan.Base is null ? new float[models[0].Length] : plan.Base.ReadFloat(name);
        }
        var context = new TensorMergeContext(name, baseTensor, models, perModel, global, plan.Seed);
        return method.Merge(context);
    }

    private static ItemOutput Copy(CopyTensorItem c)
    {
        TensorSlot slot = c.Source.Tensors[c.SourceName];
        byte[] data = slot.DType == c.Output.DType
            ? c.Source.ReadBytes(c.SourceName)
            : DTypeConverter.FromFloat(c.Source.ReadFloat(c.SourceName), c.Output.DType);
        return new ItemOutput(c, [data], 0, 0, false);
    }

    private ItemOutput Factorise(AdapterModuleItem a)
    {
        float[] delta = a.Source is not null
            ? a.Source.ReadFloat(a.TargetName)
            : MergeTensor(a.TargetName, a.ModelParameters, a.GlobalParameters, zeroBase: true);
        ulong seed = SplitMix64.For(plan.Seed, a.TargetName, -1).NextUInt64();
        LowRankFactorization f = TruncatedSvd.Factorize(delta, a.Rows, a.Cols, a.Rank, seed);
        return new ItemOutput(a,
            [DTypeConverter.FromFloat(f.A, a.LoraA.DType), DTypeConverter.FromFloat(f.B, a.LoraB.DType)],
            f.ErrorSquared, f.NormSquared, true);
    }
}
