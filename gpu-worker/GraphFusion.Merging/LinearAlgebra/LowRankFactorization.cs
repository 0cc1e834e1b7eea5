using System.Numerics.Tensors;

namespace GraphFusion.Merging.LinearAlgebra;

/// <summary>A rank-k factorisation M ≈ B·A with B (rows×k) and A (k×cols), row-major.</summary>
/// <param name="B">Left factor, rows×k (singular values folded in).</param>
/// <param name="A">Right factor, k×cols (orthonormal rows).</param>
/// <param name="Rank">k.</param>
/// <param name="SingularValues">The k leading singular values, descending.</param>
/// <param name="ErrorSquared">‖M − B·A‖²_F.</param>
/// <param name="NormSquared">‖M‖²_F.</param>
public sealed record LowRankFactorization(float[] B, float[] A, int Rank, double[] SingularValues, double ErrorSquared, double NormSquared)
{
    /// <summary>Relative Frobenius reconstruction error ‖M − B·A‖_F / ‖M‖_F (0 for a zero matrix).</summary>
    public double RelativeError => NormSquared > 0 ? Math.Sqrt(ErrorSquared / NormSquared) : 0;
}

/// <summary>
/// Truncated SVD of a dense matrix by randomized subspace iteration (Halko, Martinsson, Tropp 2011):
/// Y = M·Ω, two power iterations with re-orthonormalisation, Q = orth(Y), then an exact SVD of the small
/// matrix Qᵀ·M by one-sided Jacobi rotations. When rank(M) ≤ k the range is captured exactly and the
/// factorisation is lossless up to rounding.
/// </summary>
public static class TruncatedSvd
{
    private const int Oversampling = 8;
    private const int PowerIterations = 2;

    /// <summary>Factorises row-major <paramref name="m"/> (rows×cols) at rank <paramref name="rank"/>.</summary>
    public static LowRankFactorization Factorize(ReadOnlySpan<float> m, int rows, int cols, int rank, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(m.Length, rows * cols);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        int maxRank = Math.Min(rows, cols);
        int k = Math.Min(rank, maxRank);
        int l = Math.Min(k + Oversampling, maxRank);
        double[] md = new double[m.Length];
        for (int i = 0; i < m.Length; i++)
        {
            md[i] = m[i];
        }

        // Range finder: Y = M Ω (rows×l), Ω Gaussian (cols×l).
        var rng = new SplitMix64(seed ^ 0x5DEECE66DUL);
        double[] omega = new double[cols * l];
        for (int i = 0; i < omega.Length; i++)
        {
            omega[i] = rng.NextGaussian();
        }
        double[] q = MultiplyMB(md, rows, cols, omega, l);
        Orthonormalize(q, rows, l);
        for (int it = 0; it < PowerIterations; it++)
        {
            double[] z = MultiplyMtQ(md, rows, cols, q, l);
            Orthonormalize(z, cols, l);
            q = MultiplyMB(md, rows, cols, z, l);
            Orthonormalize(q, rows, l);
        }

        // Small matrix S = Qᵀ M (l×cols); one-sided Jacobi on X = Sᵀ (cols×l): X V = W with orthogonal columns.
        double[] x = MultiplyMtQ(md, rows, cols, q, l); // = Mᵀ Q = Sᵀ, cols×l
        double[] v = JacobiOrthogonalizeColumns(x, cols, l);
        double[] sigma = new double[l];
        for (int j = 0; j < l; j++)
        {
            double s = 0;
            for (int r = 0; r < cols; r++)
            {
                s += x[(r * l) + j] * x[(r * l) + j];
            }
            sigma[j] = Math.Sqrt(s);
        }
        int[] order = Enumerable.Range(0, l).OrderByDescending(j => sigma[j]).ToArray();

        // M ≈ Q S = Q V Wᵀ = (Q V)(Σ) (W/Σ)ᵀ. B = (Q V)[:, top k] · Σ, A = (W/Σ)ᵀ[top k, :].
        float[] b = new float[rows * k];
        float[] a = new float[k * cols];
        double[] sv = new double[k];
        for (int c = 0; c < k; c++)
        {
            int j = order[c];
            sv[c] = sigma[j];
            for (int r = 0; r < rows; r++)
            {
                double u = 0;
                for (int t = 0; t < l; t++)
                {
                    u += q[(r * l) + t] * v[(t * l) + j];
                }
                b[(r * k) + c] = (float)(u * sigma[j]);
            }
            double inv = sigma[j] > 0 ? 1.0 / sigma[j] : 0;
            for (int r = 0; r < cols; r++)
            {
                a[(c * cols) + r] = (float)(x[(r * l) + j] * inv);
            }
        }

        (double err, double norm) = ReconstructionError(m, rows, cols, b, a, k);
        return new LowRankFactorization(b, a, k, sv, err, norm);
    }

    /// <summary>‖M − B·A‖²_F and ‖M‖²_F.</summary>
    public static (double ErrorSquared, double NormSquared) ReconstructionError(
        ReadOnlySpan<float> m, int rows, int cols, ReadOnlySpan<float> b, ReadOnlySpan<float> a, int k)
    {
        double err = 0, norm = 0;
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++)
        {
            Array.Clear(row);
            for (int t = 0; t < k; t++)
            {
                TensorPrimitives.MultiplyAdd(a.Slice(t * cols, cols), b[(r * k) + t], row, row);
            }
            ReadOnlySpan<float> mr = m.Slice(r * cols, cols);
            for (int c = 0; c < cols; c++)
            {
                double d = mr[c] - (double)row[c];
                err += d * d;
                norm += (double)mr[c] * mr[c];
            }
        }
        return (err, norm);
    }

    private static double[] MultiplyMB(double[] m, int rows, int cols, double[] bm, int l)
    {
        // (rows×cols)·(cols×l)
        double[] y = new double[rows * l];
        for (int r = 0; r < rows; r++)
        {
            int yo = r * l;
            for (int c = 0; c < cols; c++)
            {
                double mv = m[(r * cols) + c];
                if (mv == 0)
                {
                    continue;
                }
                Span<double> row = y.AsSpan(yo, l);
                TensorPrimitives.MultiplyAdd(bm.AsSpan(c * l, l), mv, row, row);
            }
        }
        return y;
    }

    private static double[] MultiplyMtQ(double[] m, int rows, int cols, double[] q, int l)
    {
        // Mᵀ (cols×rows) · Q (rows×l) = cols×l
        double[] z = new double[cols * l];
        for (int r = 0; r < rows; r++)
        {
            int qo = r * l;
            for (int c = 0; c < cols; c++)
            {
                double mv = m[(r * cols) + c];
                if (mv == 0)
                {
                    continue;
                }
                Span<double> row = z.AsSpan(c * l, l);
                TensorPrimitives.MultiplyAdd(q.AsSpan(qo, l), mv, row, row);
            }
        }
        return z;
    }

    /// <summary>Modified Gram-Schmidt with one re-orthogonalisation pass on the columns of a (n×l) matrix; dependent columns become zero.</summary>
    private static void Orthonormalize(double[] a, int n, int l)
    {
        for (int j = 0; j < l; j++)
        {
            double original = ColumnNorm(a, n, l, j);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int p = 0; p < j; p++)
                {
                    double dot = 0;
                    for (int r = 0; r < n; r++)
                    {
                        dot += a[(r * l) + p] * a[(r * l) + j];
                    }
                    for (int r = 0; r < n; r++)
                    {
                        a[(r * l) + j] -= dot * a[(r * l) + p];
                    }
                }
            }
            double norm = ColumnNorm(a, n, l, j);
            double scale = norm > 1e-12 * Math.Max(original, double.Epsilon) && norm > 0 ? 1.0 / norm : 0;
            for (int r = 0; r < n; r++)
            {
                a[(r * l) + j] *= scale;
            }
        }
    }

    private static double ColumnNorm(double[] a, int n, int l, int j)
    {
        double s = 0;
        for (int r = 0; r < n; r++)
        {
            s += a[(r * l) + j] * a[(r * l) + j];
        }
        return Math.Sqrt(s);
    }

    /// <summary>One-sided Jacobi (Hestenes): rotates column pairs of x (n×l) until mutually orthogonal; returns the accumulated rotation V (l×l).</summary>
    internal static double[] JacobiOrthogonalizeColumns(double[] x, int n, int l)
    {
        double[] v = new double[l * l];
        for (int i = 0; i < l; i++)
        {
            v[(i * l) + i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < l - 1; p++)
            {
                for (int qc = p + 1; qc < l; qc++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int r = 0; r < n; r++)
                    {
                        double xp = x[(r * l) + p], xq = x[(r * l) + qc];
                        alpha += xp * xp;
                        beta += xq * xq;
                        gamma += xp * xq;
                    }
                    if (Math.Abs(gamma) <= 1e-15 * Math.Sqrt(alpha * beta) || gamma == 0)
                    {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.Sign(zeta == 0 ? 1 : zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)));
                    double c = 1 / Math.Sqrt(1 + (t * t));
                    double s = c * t;
                    for (int r = 0; r < n; r++)
                    {
                        double xp = x[(r * l) + p], xq = x[(r * l) + qc];
                        x[(r * l) + p] = (c * xp) - (s * xq);
                        x[(r * l) + qc] = (s * xp) + (c * xq);
                    }
                    for (int r = 0; r < l; r++)
                    {
                        double vp = v[(r * l) + p], vq = v[(r * l) + qc];
                        v[(r * l) + p] = (c * vp) - (s * vq);
                        v[(r * l) + qc] = (s * vp) + (c * vq);
                    }
                }
            }
            if (!rotated)
            {
                break;
            }
        }
        return v;
    }
}
