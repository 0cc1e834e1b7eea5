using System.Numerics.Tensors;

namespace GraphFusion.Inference.Extraction;

/// <summary>A named weight matrix (row-major <c>Rows × Cols</c>) with its gradient buffer.</summary>
internal sealed class Param
{
    internal Param(string name, int rows, int cols)
    {
        Name = name;
        Rows = rows;
        Cols = cols;
        Value = new float[rows * cols];
    }

    internal string Name { get; }

    internal int Rows { get; }

    internal int Cols { get; }

    internal float[] Value { get; }

    /// <summary>Gradient, allocated on first use (training only).</summary>
    internal float[] Grad => _grad ??= new float[Value.Length];

    private float[]? _grad;

    internal Span<float> Row(int row) => Value.AsSpan(row * Cols, Cols);

    internal Span<float> GradRow(int row) => Grad.AsSpan(row * Cols, Cols);

    /// <summary>Glorot-uniform initialisation (biases and embeddings of one row stay zero unless <paramref name="force"/>).</summary>
    internal void InitUniform(Random random, bool force = false)
    {
        if (Rows == 1 && !force)
        {
            return;
        }

        var limit = (float)Math.Sqrt(6.0 / (Rows + Cols));
        for (var i = 0; i < Value.Length; i++)
        {
            Value[i] = ((float)random.NextDouble() * 2 - 1) * limit;
        }
    }
}

/// <summary>Dense kernels over row-major float arrays, parallel over rows.</summary>
internal static class Linalg
{
    private static readonly ParallelOptions Parallelism = new() { MaxDegreeOfParallelism = Math.Max(1, Math.Min(Environment.ProcessorCount, 4)) };

    /// <summary><c>y[n×m] = x[n×d] · w[m×d]ᵀ</c>.</summary>
    internal static void MatMulTransposed(float[] x, int n, int d, float[] w, int m, float[] y)
    {
        if (n * m < 4096)
        {
            MatMulRows(x, d, w, m, y, 0, n);
            return;
        }

        var blocks = Math.Min(n, 4 * Parallelism.MaxDegreeOfParallelism);
        Parallel.For(0, blocks, Parallelism, b =>
            MatMulRows(x, d, w, m, y, (int)((long)n * b / blocks), (int)((long)n * (b + 1) / blocks)));
    }

    /// <summary><c>g[m×d] += dy[n×m]ᵀ · x[n×d]</c> (the weight gradient of <see cref="MatMulTransposed"/>).</summary>
    internal static void AccumulateWeightGradient(float[] dy, float[] x, int n, int d, float[] g, int m)
    {
        void Rows(int from, int to)
        {
            for (var j = from; j < to; j++)
            {
                var gRow = g.AsSpan(j * d, d);
                for (var i = 0; i < n; i++)
                {
                    var scale = dy[(i * m) + j];
                    if (scale != 0)
                    {
                        TensorPrimitives.MultiplyAdd(x.AsSpan(i * d, d), scale, gRow, gRow);
                    }
                }
            }
        }

        if (n * m < 4096)
        {
            Rows(0, m);
            return;
        }

        var blocks = Math.Min(m, 4 * Parallelism.MaxDegreeOfParallelism);
        Parallel.For(0, blocks, Parallelism, b => Rows((int)((long)m * b / blocks), (int)((long)m * (b + 1) / blocks)));
    }

    /// <summary>Softmax of <paramref name="logits"/> into <paramref name="probabilities"/>.</summary>
    internal static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities) => TensorPrimitives.SoftMax(logits, probabilities);

    private static void MatMulRows(float[] x, int d, float[] w, int m, float[] y, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var xRow = x.AsSpan(i * d, d);
            var yRow = y.AsSpan(i * m, m);
            for (var j = 0; j < m; j++)
            {
                yRow[j] = TensorPrimitives.Dot(xRow, w.AsSpan(j * d, d));
            }
        }
    }
}
