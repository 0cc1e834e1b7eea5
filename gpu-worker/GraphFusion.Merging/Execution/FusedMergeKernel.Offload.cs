using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Execution;

/// <summary>What other <see cref="IMergeKernel"/> implementations reuse from the CPU kernel, so that they start from the same numbers.</summary>
internal static partial class FusedMergeKernel
{
    /// <summary>
    /// Per-model TIES trim thresholds over the whole tensor, as the CPU kernel computes them: 0 keeps everything,
    /// +∞ clears everything, otherwise entries with |τ| below the threshold are zeroed.
    /// </summary>
    public static float[] TopMagnitudeThresholds(FusedMergeSpec spec, RawTensor baseTensor, IReadOnlyList<RawTensor> models, int maxDegreeOfParallelism)
    {
        var job = new Job(spec, baseTensor, models, Memory<byte>.Empty, SafeTensorsDType.F32, baseTensor.ElementCount, maxDegreeOfParallelism);
        job.ComputeThresholds();
        return job.Thresholds;
    }

    /// <summary>The float weights of the weighted sum (normalised when the spec says so).</summary>
    public static float[] WeightedSumWeights(FusedMergeSpec spec) => Job.WeightsForSum(spec);

    private sealed partial class Job
    {
        public float[] Thresholds => _thresholds ?? throw new InvalidOperationException("thresholds not computed");

        public static float[] WeightsForSum(FusedMergeSpec spec) => WeightsFor(spec);
    }
}
