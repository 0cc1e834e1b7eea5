using System.Numerics.Tensors;

namespace GraphFusion.Merging.Methods;

/// <summary>
/// Spherical linear interpolation between θ_0 = θ_base and θ_1 = the single other model, on the flattened tensor:
/// Ω = arccos(⟨θ_0/‖θ_0‖, θ_1/‖θ_1‖⟩), θ = sin((1−t)Ω)/sin Ω·θ_0 + sin(tΩ)/sin Ω·θ_1.
/// When |cos Ω| &gt; 0.9995 (nearly colinear) or a norm is zero it falls back to θ = (1−t)·θ_0 + t·θ_1.
/// t = 0 and t = 1 return the endpoints exactly.
/// </summary>
public sealed class SlerpMerge : IMergeMethod
{
    private const double ColinearThreshold = 0.9995;

    /// <inheritdoc />
    public string Name => "slerp";
    /// <inheritdoc />
    public bool RequiresBase => true;
    /// <inheritdoc />
    public int MinModels => 1;
    /// <inheritdoc />
    public int MaxModels => 1;
    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters { get; } =
        [new("t", ParameterScope.Global, null, 0, 1, "interpolation position, 0 = base, 1 = other model")];

    /// <inheritdoc />
    public float[] Merge(TensorMergeContext context) =>
        Interpolate(context.BaseOrZeros(), context.Models[0], context.GlobalParameter("t"));

    /// <summary>Slerp of two flat vectors.</summary>
    public static float[] Interpolate(float[] v0, float[] v1, double t)
    {
        if (t == 0)
        {
            return (float[])v0.Clone();
        }
        if (t == 1)
        {
            return (float[])v1.Clone();
        }
        double n0 = Math.Sqrt(TensorPrimitives.SumOfSquares<float>(v0));
        double n1 = Math.Sqrt(TensorPrimitives.SumOfSquares<float>(v1));
        float[] result = new float[v0.Length];
        double c0, c1;
        double dot = n0 > 0 && n1 > 0 ? Math.Clamp(TensorPrimitives.Dot<float>(v0, v1) / (n0 * n1), -1, 1) : 1;
        if (Math.Abs(dot) > ColinearThreshold)
        {
            c0 = 1 - t;
            c1 = t;
        }
        else
        {
            double omega = Math.Acos(dot);
            double sin = Math.Sin(omega);
            c0 = Math.Sin((1 - t) * omega) / sin;
            c1 = Math.Sin(t * omega) / sin;
        }
        TensorPrimitives.Multiply(v0, (float)c0, result);
        TensorPrimitives.MultiplyAdd(v1, (float)c1, result, result);
        return result;
    }
}
