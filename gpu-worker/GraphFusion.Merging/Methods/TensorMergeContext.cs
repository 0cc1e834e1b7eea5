using System.Numerics.Tensors;
using GraphFusion.Merging.LinearAlgebra;

namespace GraphFusion.Merging.Methods;

/// <summary>Everything a method needs to merge one tensor: flat float data and the parameters resolved for it.</summary>
public sealed class TensorMergeContext
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, double>> _modelParameters;
    private readonly IReadOnlyDictionary<string, double> _globalParameters;

    /// <summary>Creates a context.</summary>
    /// <param name="tensorName">Output tensor name (used for seeding and filters).</param>
    /// <param name="baseTensor">Base weights, or null when the method does not use a base.</param>
    /// <param name="models">Weights of each model, same length as the base.</param>
    /// <param name="modelParameters">Per-model parameters resolved for this tensor.</param>
    /// <param name="globalParameters">Global parameters resolved for this tensor.</param>
    /// <param name="seed">Recipe seed.</param>
    public TensorMergeContext(string tensorName, float[]? baseTensor, IReadOnlyList<float[]> models,
        IReadOnlyList<IReadOnlyDictionary<string, double>> modelParameters, IReadOnlyDictionary<string, double> globalParameters, ulong seed)
    {
        if (modelParameters.Count != models.Count)
        {
            throw new ArgumentException("one parameter set per model is required", nameof(modelParameters));
        }
        int n = baseTensor?.Length ?? (models.Count > 0 ? models[0].Length : 0);
        if (models.Any(m => m.Length != n))
        {
            throw new ArgumentException($"tensor '{tensorName}': inputs differ in length", nameof(models));
        }
        TensorName = tensorName;
        Base = baseTensor;
        Models = models;
        _modelParameters = modelParameters;
        _globalParameters = globalParameters;
        Seed = seed;
    }

    /// <summary>Tensor name.</summary>
    public string TensorName { get; }

    /// <summary>Base weights (null when absent).</summary>
    public float[]? Base { get; }

    /// <summary>Model weights.</summary>
    public IReadOnlyList<float[]> Models { get; }

    /// <summary>Number of models.</summary>
    public int Count => Models.Count;

    /// <summary>Elements per tensor.</summary>
    public int Length => Base?.Length ?? Models[0].Length;

    /// <summary>Recipe seed.</summary>
    public ulong Seed { get; }

    /// <summary>Per-model parameter value (the resolver already applied global fallbacks and defaults).</summary>
    public double ModelParameter(int model, string name, double fallback = double.NaN) =>
        _modelParameters[model].TryGetValue(name, out double v) ? v : fallback;

    /// <summary>Global parameter value.</summary>
    public double GlobalParameter(string name, double fallback = double.NaN) =>
        _globalParameters.TryGetValue(name, out double v) ? v : fallback;

    /// <summary>Global boolean parameter (non-zero = true).</summary>
    public bool GlobalFlag(string name, bool fallback) =>
        _globalParameters.TryGetValue(name, out double v) ? v != 0 : fallback;

    /// <summary>Per-model weights.</summary>
    public double[] Weights(string name = "weight") =>
        Enumerable.Range(0, Count).Select(i => ModelParameter(i, name, 1.0)).ToArray();

    /// <summary>Base weights, or zeros when there is no base.</summary>
    public float[] BaseOrZeros() => Base ?? new float[Length];

    /// <summary>Task vector τ_i = θ_i − θ_base (a new array).</summary>
    public float[] TaskVector(int model)
    {
        float[] tau = new float[Length];
        if (Base is null)
        {
            Models[model].CopyTo(tau, 0);
        }
        else
        {
            TensorPrimitives.Subtract(Models[model], Base, tau);
        }
        return tau;
    }

    /// <summary>Deterministic random generator for (seed, tensor, model).</summary>
    public SplitMix64 RandomFor(int model) => SplitMix64.For(Seed, TensorName, model);

    /// <summary>θ_base + λ·merged as a new array (merged is reused as the output buffer).</summary>
    public float[] AddToBase(float[] merged, double lambda)
    {
        if (lambda != 1.0)
        {
            TensorPrimitives.Multiply(merged, (float)lambda, merged);
        }
        if (Base is not null)
        {
            TensorPrimitives.Add(merged, Base, merged);
        }
        return merged;
    }
}
