using GraphFusion.Merging.Methods;

namespace GraphFusion.Merging.Tests;

public class MethodTests
{
    private static TensorMergeContext Context(float[]? baseTensor, float[][] models, double[]? weights = null,
        double[]? densities = null, Dictionary<string, double>? global = null, string name = "layers.0.w", ulong seed = 7,
        Dictionary<string, double>[]? extra = null)
    {
        var perModel = models.Select((_, i) =>
        {
            var d = new Dictionary<string, double>();
            if (weights is not null)
            {
                d["weight"] = weights[i];
            }
            if (densities is not null)
            {
                d["density"] = densities[i];
            }
            if (extra is not null)
            {
                foreach (var kv in extra[i])
                {
                    d[kv.Key] = kv.Value;
                }
            }
            return (IReadOnlyDictionary<string, double>)d;
        }).ToList();
        return new TensorMergeContext(name, baseTensor, models, perModel, global ?? [], seed);
    }

    private static double[] Tau(float[] model, float[] b) => model.Select((v, i) => (double)v - b[i]).ToArray();

    [Fact]
    public void Linear_MatchesWeightedAverage_AndNormalisesWeights()
    {
        float[][] m = [Data.Random(50, 1), Data.Random(50, 2), Data.Random(50, 3)];
        double[] w = [1, 2, 5];
        float[] actual = new LinearMerge().Merge(Context(null, m, w));
        float[] expected = Enumerable.Range(0, 50).Select(i => (float)((m[0][i] * 1.0 + m[1][i] * 2.0 + m[2][i] * 5.0) / 8.0)).ToArray();
        Data.AssertClose(expected, actual, 1e-6);

        // Scaling all weights does not change a normalised average.
        Data.AssertClose(actual, new LinearMerge().Merge(Context(null, m, w.Select(x => x * 10).ToArray())), 1e-6);
        // Identical models give that model back.
        Data.AssertClose(m[0], new LinearMerge().Merge(Context(null, [m[0], m[0]], [3, 1])), 1e-6);
        // normalize: false is the plain weighted sum.
        float[] sum = new LinearMerge().Merge(Context(null, m, w, global: new() { ["normalize"] = 0 }));
        Data.AssertClose(expected.Select(x => x * 8).ToArray(), sum, 1e-5);
    }

    [Fact]
    public void TaskArithmetic_MatchesReference()
    {
        float[] b = Data.Random(64, 10);
        float[][] m = [Data.Random(64, 11), Data.Random(64, 12)];
        double[] w = [0.7, 0.4];
        float[] actual = new TaskArithmeticMerge().Merge(Context(b, m, w, global: new() { ["lambda"] = 1.5 }));
        float[] expected = Enumerable.Range(0, 64).Select(i =>
            (float)(b[i] + 1.5 * ((0.7 * (m[0][i] - b[i])) + (0.4 * (m[1][i] - b[i]))))).ToArray();
        Data.AssertClose(expected, actual, 1e-5);
    }

    private static double[] TrimReference(double[] tau, double density)
    {
        int k = (int)Math.Round(density * tau.Length, MidpointRounding.AwayFromZero);
        if (k >= tau.Length)
        {
            return tau;
        }
        double threshold = k == 0 ? double.PositiveInfinity : tau.Select(Math.Abs).OrderByDescending(x => x).ElementAt(k - 1);
        return tau.Select(x => Math.Abs(x) >= threshold ? x : 0).ToArray();
    }

    private static double[] DisjointReference(double[][] trimmed, double[] w, bool normalize)
    {
        int n = trimmed[0].Length;
        var result = new double[n];
        for (int e = 0; e < n; e++)
        {
            double s = Enumerable.Range(0, trimmed.Length).Sum(i => w[i] * trimmed[i][e]);
            double sign = Math.Sign(s);
            double acc = 0, ws = 0;
            for (int i = 0; i < trimmed.Length; i++)
            {
                if (trimmed[i][e] != 0 && Math.Sign(trimmed[i][e]) == sign)
                {
                    acc += w[i] * trimmed[i][e];
                    ws += w[i];
                }
            }
            result[e] = sign == 0 ? 0 : normalize ? (ws == 0 ? 0 : acc / ws) : acc;
        }
        return result;
    }

    [Fact]
    public void Ties_MatchesSortBasedReference()
    {
        const int n = 500;
        float[] b = Data.Random(n, 20);
        float[][] m = [Data.Random(n, 21), Data.Random(n, 22), Data.Random(n, 23)];
        double[] w = [1, 0.5, 2];
        double[] d = [0.2, 0.5, 0.35];
        float[] actual = new TiesMerge().Merge(Context(b, m, w, d, new() { ["lambda"] = 0.9 }));
        double[][] trimmed = m.Select((x, i) => TrimReference(Tau(x, b), d[i])).ToArray();
        double[] merged = DisjointReference(trimmed, w, normalize: true);
        float[] expected = merged.Select((x, i) => (float)(b[i] + 0.9 * x)).ToArray();
        Data.AssertClose(expected, actual, 1e-5);
    }

    [Fact]
    public void Ties_DensityOneWithAgreeingSigns_IsMeanOfDeltas()
    {
        float[] b = Data.Random(100, 30);
        float[] t1 = Data.Random(100, 31).Select(Math.Abs).ToArray();
        float[] t2 = Data.Random(100, 32).Select(Math.Abs).ToArray();
        float[][] m = [b.Select((x, i) => x + t1[i]).ToArray(), b.Select((x, i) => x + t2[i]).ToArray()];
        float[] actual = new TiesMerge().Merge(Context(b, m, null, [1, 1]));
        float[] expected = b.Select((x, i) => x + ((t1[i] + t2[i]) / 2)).ToArray();
        Data.AssertClose(expected, actual, 1e-5);
    }

    [Fact]
    public void Dare_KeepsExpectedFraction_RescalesExactly_PreservesMean_AndIsDeterministic()
    {
        const int n = 200_000;
        float[] b = new float[n];
        float[] model = Data.Random(n, 40, 0.5f).Select(x => x + 1f).ToArray();
        const double density = 0.3;
        float[] actual = new DareLinearMerge().Merge(Context(b, [model], null, [density], seed: 123));
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            if (actual[i] != 0)
            {
                kept++;
                Assert.Equal(model[i] * (float)(1 / density), actual[i], 4);
            }
        }
        Assert.InRange(kept / (double)n, density - 0.01, density + 0.01);
        double meanIn = model.Average(x => (double)x);
        double meanOut = actual.Average(x => (double)x);
        Assert.InRange(meanOut, meanIn * 0.98, meanIn * 1.02);

        Assert.Equal(actual, new DareLinearMerge().Merge(Context(b, [model], null, [density], seed: 123)));
        Assert.NotEqual(actual, new DareLinearMerge().Merge(Context(b, [model], null, [density], seed: 123, name: "other")));
        Assert.NotEqual(actual, new DareLinearMerge().Merge(Context(b, [model], null, [density], seed: 124)));
    }

    [Fact]
    public void DareTies_DensityOne_EqualsTies()
    {
        float[] b = Data.Random(300, 50);
        float[][] m = [Data.Random(300, 51), Data.Random(300, 52)];
        Assert.Equal(new TiesMerge().Merge(Context(b, m, null, [1, 1])), new DareTiesMerge().Merge(Context(b, m, null, [1, 1])));
    }

    [Fact]
    public void Breadcrumbs_MatchesRankReference()
    {
        const int n = 400;
        float[] b = Data.Random(n, 60);
        float[][] m = [Data.Random(n, 61), Data.Random(n, 62)];
        double[] w = [1, 1];
        var extra = new[] { new Dictionary<string, double> { ["gamma"] = 0.05 }, new Dictionary<string, double> { ["gamma"] = 0.1 } };
        float[] actual = new BreadcrumbsMerge().Merge(Context(b, m, w, [0.5, 0.3], extra: extra));
        double[][] masked = m.Select((x, i) =>
        {
            double[] tau = Tau(x, b);
            int[] order = Enumerable.Range(0, n).OrderByDescending(j => Math.Abs(tau[j])).ToArray();
            int top = (int)Math.Round(extra[i]["gamma"] * n), keep = (int)Math.Round(new[] { 0.5, 0.3 }[i] * n);
            var keepSet = order.Skip(top).Take(keep).ToHashSet();
            return tau.Select((v, j) => keepSet.Contains(j) ? v : 0).ToArray();
        }).ToArray();
        float[] expected = Enumerable.Range(0, n).Select(j => (float)(b[j] + masked[0][j] + masked[1][j])).ToArray();
        Data.AssertClose(expected, actual, 1e-5);
    }

    [Fact]
    public void Della_PreservesMean_AndDropsSmallMagnitudesMoreOften()
    {
        const int n = 100_000;
        float[] b = new float[n];
        float[] model = Data.Random(n, 70);
        double density = 0.4, epsilon = 0.3;
        var extra = new[] { new Dictionary<string, double> { ["epsilon"] = epsilon } };
        float[] actual = new DellaMerge().Merge(Context(b, [model], null, [density], extra: extra));
        // Single model: TIES fuse keeps the pruned vector as is, so E[out] = τ. Check Σ|out| ≈ Σ|τ| (same signs).
        double inAbs = model.Sum(x => Math.Abs((double)x));
        double outAbs = actual.Sum(x => Math.Abs((double)x));
        Assert.InRange(outAbs / inAbs, 0.97, 1.03);
        var byMagnitude = Enumerable.Range(0, n).OrderBy(i => Math.Abs(model[i])).ToArray();
        double keptLow = byMagnitude.Take(n / 4).Count(i => actual[i] != 0) / (n / 4.0);
        double keptHigh = byMagnitude.Skip(3 * n / 4).Count(i => actual[i] != 0) / (n / 4.0);
        Assert.InRange(keptLow, 0.4 - 0.15 - 0.03, 0.4 - 0.15 + 0.08);
        Assert.True(keptHigh > keptLow + 0.15, $"high {keptHigh} low {keptLow}");
    }

    [Fact]
    public void ModelStock_MatchesReference()
    {
        const int n = 200;
        float[] b = Data.Random(n, 80);
        float[] common = Data.Random(n, 81);
        float[][] m = Enumerable.Range(0, 3).Select(k => Data.Random(n, 82 + k, 0.5f).Select((x, i) => b[i] + common[i] + x).ToArray()).ToArray();
        float[] actual = new ModelStockMerge().Merge(Context(b, m));
        double[][] taus = m.Select(x => Tau(x, b)).ToArray();
        double cos = 0;
        int pairs = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = i + 1; j < 3; j++)
            {
                cos += taus[i].Zip(taus[j], (p, q) => p * q).Sum() / Math.Sqrt(taus[i].Sum(p => p * p) * taus[j].Sum(q => q * q));
                pairs++;
            }
        }
        cos /= pairs;
        double t = 3 * cos / (1 + (2 * cos));
        float[] expected = Enumerable.Range(0, n).Select(i => (float)((t * m.Average(x => (double)x[i])) + ((1 - t) * b[i]))).ToArray();
        Data.AssertClose(expected, actual, 1e-5);
    }

    [Fact]
    public void Slerp_MatchesReference_AndReturnsEndpointsExactly()
    {
        float[] v0 = Data.Random(128, 90);
        float[] v1 = Data.Random(128, 91);
        var g = (double t) => new Dictionary<string, double> { ["t"] = t };
        Assert.Equal(v0, new SlerpMerge().Merge(Context(v0, [v1], global: g(0))));
        Assert.Equal(v1, new SlerpMerge().Merge(Context(v0, [v1], global: g(1))));

        double n0 = Math.Sqrt(v0.Sum(x => (double)x * x)), n1 = Math.Sqrt(v1.Sum(x => (double)x * x));
        double omega = Math.Acos(v0.Zip(v1, (a, b) => (double)a * b).Sum() / (n0 * n1));
        double tt = 0.3;
        float[] expected = v0.Select((a, i) => (float)((Math.Sin((1 - tt) * omega) / Math.Sin(omega) * a) + (Math.Sin(tt * omega) / Math.Sin(omega) * v1[i]))).ToArray();
        Data.AssertClose(expected, new SlerpMerge().Merge(Context(v0, [v1], global: g(tt))), 1e-5);

        // Colinear vectors fall back to linear interpolation.
        float[] scaled = v0.Select(x => x * 2).ToArray();
        Data.AssertClose(v0.Select(x => x * 1.5f).ToArray(), new SlerpMerge().Merge(Context(v0, [scaled], global: g(0.5))), 1e-6);
    }

    [Fact]
    public void Pcb_MatchesReference()
    {
        const int n = 300;
        float[] b = Data.Random(n, 100);
        float[][] m = [Data.Random(n, 101), Data.Random(n, 102), Data.Random(n, 103)];
        var global = new Dictionary<string, double> { ["density"] = 0.4, ["lambda"] = 1.2 };
        float[] actual = new PcbMerge().Merge(Context(b, m, global: global));

        double[][] taus = m.Select(x => Tau(x, b)).ToArray();
        int count = taus.Length;
        double[] Softmax(double[] x, double scale)
        {
            double mean = x.Average();
            double std = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
            double[] z = x.Select(v => std > 0 ? scale * (v - mean) / std : 0).ToArray();
            double max = z.Max();
            double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
            double s = e.Sum();
            return e.Select(v => v / s).ToArray();
        }
        var scores = new double[count][];
        for (int i = 0; i < count; i++)
        {
            double[] intra = Softmax(taus[i].Select(v => v * v).ToArray(), count);
            double[] inter = new double[n];
            for (int j = 0; j < count; j++)
            {
                double[] s = Softmax(taus[i].Zip(taus[j], (p, q) => p * q).ToArray(), 1);
                for (int e = 0; e < n; e++)
                {
                    inter[e] += s[e];
                }
            }
            double[] beta = intra.Zip(inter, (p, q) => p * q).ToArray();
            double threshold = beta.OrderByDescending(v => v).ElementAt(119);
            scores[i] = beta.Select(v => v >= threshold ? v : 0).ToArray();
        }
        float[] expected = Enumerable.Range(0, n).Select(e =>
        {
            double num = Enumerable.Range(0, count).Sum(i => scores[i][e] * taus[i][e]);
            double den = Enumerable.Range(0, count).Sum(i => scores[i][e]);
            return (float)(b[e] + (1.2 * (den > 0 ? num / den : 0)));
        }).ToArray();
        Data.AssertClose(expected, actual, 2e-4);
    }

    [Fact]
    public void MetricsWeighted_UsesExponentialLossPenalty()
    {
        float[][] m = [Data.Random(40, 110), Data.Random(40, 111)];
        var extra = new[] { new Dictionary<string, double> { ["loss"] = 0.5 }, new Dictionary<string, double> { ["loss"] = 1.0 } };
        float[] actual = new MetricsWeightedMerge().Merge(Context(null, m, extra: extra, global: new() { ["beta"] = 2 }));
        double w0 = 1, w1 = Math.Exp(-2 * 0.5);
        float[] expected = Enumerable.Range(0, 40).Select(i => (float)(((w0 * m[0][i]) + (w1 * m[1][i])) / (w0 + w1))).ToArray();
        Data.AssertClose(expected, actual, 1e-6);
        Assert.Equal([0.5, 0.5], MetricsWeightedMerge.ComputeWeights([1.0, 3.0], [double.NaN, double.NaN], 0));
    }
}
