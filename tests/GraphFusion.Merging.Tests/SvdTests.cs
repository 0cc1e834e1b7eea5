using GraphFusion.Merging.LinearAlgebra;

namespace GraphFusion.Merging.Tests;

public class SvdTests
{
    private static double[][] OrthonormalColumns(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var q = new double[cols][];
        for (int j = 0; j < cols; j++)
        {
            double[] v = Enumerable.Range(0, rows).Select(_ => rng.NextDouble() - 0.5).ToArray();
            for (int p = 0; p < j; p++)
            {
                double d = v.Zip(q[p], (a, b) => a * b).Sum();
                for (int r = 0; r < rows; r++)
                {
                    v[r] -= d * q[p][r];
                }
            }
            double norm = Math.Sqrt(v.Sum(x => x * x));
            q[j] = v.Select(x => x / norm).ToArray();
        }
        return q;
    }

    private static float[] Compose(int rows, int cols, double[] sigma, int seed)
    {
        double[][] u = OrthonormalColumns(rows, sigma.Length, seed);
        double[][] v = OrthonormalColumns(cols, sigma.Length, seed + 1);
        float[] m = new float[rows * cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                double s = 0;
                for (int k = 0; k < sigma.Length; k++)
                {
                    s += u[k][r] * sigma[k] * v[k][c];
                }
                m[(r * cols) + c] = (float)s;
            }
        }
        return m;
    }

    [Fact]
    public void LowRankMatrix_IsReconstructedLosslessly()
    {
        float[] m = Compose(60, 40, [5, 3, 2, 1, 0.5], 1);
        LowRankFactorization f = TruncatedSvd.Factorize(m, 60, 40, 5);
        Assert.True(f.RelativeError < 1e-5, $"error {f.RelativeError}");
        Assert.Equal(5, f.SingularValues[0], 3);
        Assert.Equal(0.5, f.SingularValues[4], 3);
    }

    [Fact]
    public void Truncation_ErrorMatchesDiscardedSingularValues()
    {
        double[] sigma = [10, 6, 4, 1, 0.5, 0.25];
        float[] m = Compose(50, 30, sigma, 3);
        LowRankFactorization f = TruncatedSvd.Factorize(m, 50, 30, 3);
        double expected = Math.Sqrt((1 + 0.25 + 0.0625) / sigma.Sum(s => s * s));
        Assert.Equal(expected, f.RelativeError, 3);
    }
}
