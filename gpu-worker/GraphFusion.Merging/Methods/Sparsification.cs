using GraphFusion.Merging.LinearAlgebra;

namespace GraphFusion.Merging.Methods;

/// <summary>In-place sparsifiers applied to a task vector before combination.</summary>
public static class Sparsification
{
    /// <summary>Number of entries kept for <paramref name="density"/> of <paramref name="length"/> (rounded to nearest).</summary>
    public static long KeepCount(int length, double density) =>
        Math.Clamp((long)Math.Round(density * length, MidpointRounding.AwayFromZero), 0, length);

    /// <summary>
    /// TIES trim: keeps entries whose magnitude is at least the k-th largest magnitude (k = round(density·n)),
    /// found by selection (expected O(n)); zeroes the rest. Entries tied with the threshold are all kept.
    /// </summary>
    public static void TrimToTopMagnitude(Span<float> tau, double density)
    {
        if (density >= 1)
        {
            return;
        }
        long k = KeepCount(tau.Length, density);
        if (k == 0)
        {
            tau.Clear();
            return;
        }
        float threshold = MagnitudeSelection.KthLargestMagnitude(tau, k);
        for (int i = 0; i < tau.Length; i++)
        {
            if (MathF.Abs(tau[i]) < threshold)
            {
                tau[i] = 0;
            }
        }
    }

    /// <summary>DARE: drops each entry with probability p = 1 − density and rescales survivors by exactly 1/(1 − p).</summary>
    public static void DropAndRescale(Span<float> tau, double density, ref SplitMix64 rng)
    {
        if (density >= 1)
        {
            return;
        }
        if (density <= 0)
        {
            tau.Clear();
            return;
        }
        float scale = (float)(1.0 / density);
        for (int i = 0; i < tau.Length; i++)
        {
            tau[i] = rng.NextDouble() < density ? tau[i] * scale : 0f;
        }
    }

    /// <summary>
    /// Model Breadcrumbs: ranks entries by magnitude, drops the largest round(gamma·n) (outliers) and keeps
    /// the next round(density·n); everything smaller is dropped. Thresholds found by selection.
    /// </summary>
    public static void Breadcrumbs(Span<float> tau, double density, double gamma)
    {
        int n = tau.Length;
        long top = KeepCount(n, gamma);
        long keep = Math.Min(KeepCount(n, density), n - top);
        if (keep <= 0)
        {
            tau.Clear();
            return;
        }
        float upper = top == 0 ? float.PositiveInfinity : MagnitudeSelection.KthLargestMagnitude(tau, top);
        float lower = MagnitudeSelection.KthLargestMagnitude(tau, top + keep);
        for (int i = 0; i < n; i++)
        {
            float m = MathF.Abs(tau[i]);
            if (m >= upper || m < lower)
            {
                tau[i] = 0;
            }
        }
    }

    /// <summary>
    /// DELLA MagPrune: entries ranked by magnitude (rank 0 = smallest) get drop probability
    /// p_i = p + ε/2 − ε·rank_i/(n−1) with p = 1 − density, i.e. p_i spans [p − ε/2, p + ε/2], larger magnitudes
    /// are dropped less often; survivors are rescaled by 1/(1 − p_i). p_i is clamped to [0, 1).
    /// </summary>
    public static void MagnitudeRankedDrop(Span<float> tau, double density, double epsilon, ref SplitMix64 rng)
    {
        int n = tau.Length;
        if (n == 0)
        {
            return;
        }
        double p = 1 - density;
        float[] mags = new float[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            mags[i] = MathF.Abs(tau[i]);
            order[i] = i;
        }
        Array.Sort(mags, order);
        for (int rank = 0; rank < n; rank++)
        {
            int i = order[rank];
            double position = n == 1 ? 0.5 : (double)rank / (n - 1);
            double pi = Math.Clamp(p + (epsilon / 2) - (epsilon * position), 0, 1 - 1e-6);
            tau[i] = rng.NextDouble() < 1 - pi ? (float)(tau[i] / (1 - pi)) : 0f;
        }
    }
}

/// <summary>TIES-style sign election and disjoint merge.</summary>
public static class SignConsensus
{
    /// <summary>
    /// Elects γ = sign(Σ_i w_i·τ̂_i) per entry and returns Σ_{i: sign(τ̂_i)=γ} w_i·τ̂_i, divided by
    /// Σ_{i: sign(τ̂_i)=γ} w_i when <paramref name="normalize"/> (disjoint mean). Zero where nothing agrees.
    /// </summary>
    public static float[] DisjointMerge(IReadOnlyList<float[]> trimmed, IReadOnlyList<double> weights, bool normalize)
    {
        int n = trimmed[0].Length;
        float[] result = new float[n];
        for (int e = 0; e < n; e++)
        {
            double sum = 0;
            for (int i = 0; i < trimmed.Count; i++)
            {
                sum += weights[i] * trimmed[i][e];
            }
            if (sum == 0)
            {
                continue;
            }
            bool positive = sum > 0;
            double acc = 0, wsum = 0;
            for (int i = 0; i < trimmed.Count; i++)
            {
                float v = trimmed[i][e];
                if (v != 0 && (v > 0) == positive)
                {
                    acc += weights[i] * v;
                    wsum += weights[i];
                }
            }
            result[e] = (float)(normalize ? (wsum != 0 ? acc / wsum : 0) : acc);
        }
        return result;
    }

    /// <summary>Σ w_i·τ_i, divided by Σ w_i when <paramref name="normalize"/>.</summary>
    public static float[] WeightedSum(IReadOnlyList<float[]> taus, IReadOnlyList<double> weights, bool normalize)
    {
        int n = taus[0].Length;
        float[] result = new float[n];
        double total = weights.Sum();
        for (int i = 0; i < taus.Count; i++)
        {
            double w = normalize ? (total != 0 ? weights[i] / total : 0) : weights[i];
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(taus[i], (float)w, result, result);
        }
        return result;
    }
}
