using GraphFusion.Inference.Extraction;

namespace GraphFusion.Inference.Training;

/// <summary>Adam over a set of parameters (decoupled weight decay on matrices, none on biases).</summary>
internal sealed class Adam
{
    private readonly Param[] _parameters;
    private readonly float[][] _m;
    private readonly float[][] _v;
    private readonly float _learningRate;
    private readonly float _weightDecay;
    private int _step;

    internal Adam(IEnumerable<Param> parameters, float learningRate, float weightDecay = 0f)
    {
        _parameters = [.. parameters];
        _m = [.. _parameters.Select(p => new float[p.Value.Length])];
        _v = [.. _parameters.Select(p => new float[p.Value.Length])];
        _learningRate = learningRate;
        _weightDecay = weightDecay;
    }

    /// <summary>Applies the accumulated gradients and clears them.</summary>
    internal void Step()
    {
        const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
        _step++;
        var correction1 = 1 - MathF.Pow(Beta1, _step);
        var correction2 = 1 - MathF.Pow(Beta2, _step);
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            var w = p.Value;
            var g = p.Grad;
            var m = _m[i];
            var v = _v[i];
            var decay = p.Rows > 1 ? _weightDecay * _learningRate : 0f;
            for (var k = 0; k < w.Length; k++)
            {
                m[k] = (Beta1 * m[k]) + ((1 - Beta1) * g[k]);
                v[k] = (Beta2 * v[k]) + ((1 - Beta2) * g[k] * g[k]);
                w[k] -= (_learningRate * (m[k] / correction1) / (MathF.Sqrt(v[k] / correction2) + Epsilon)) + (decay * w[k]);
            }

            Array.Clear(g);
        }
    }
}
