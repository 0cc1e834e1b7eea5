using System.Text.RegularExpressions;

namespace GraphFusion.Merging.Recipes;

/// <summary>Layer position of a tensor, used by gradient parameters.</summary>
/// <param name="Index">Layer index parsed from the name, or null for tensors outside the layer stack.</param>
/// <param name="Count">Number of layers in the model.</param>
public readonly record struct LayerPosition(int? Index, int Count)
{
    private static readonly Regex LayerNumber = new(@"(?:^|\.)(\d+)(?:\.|$)", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    /// <summary>The first dotted numeric component of a tensor name, e.g. 12 in "model.layers.12.mlp.up_proj.weight".</summary>
    public static int? ParseIndex(string tensorName)
    {
        Match m = LayerNumber.Match(tensorName);
        return m.Success && int.TryParse(m.Groups[1].Value, out int i) ? i : null;
    }
}

/// <summary>
/// A recipe parameter value: a scalar, a gradient (list of anchors interpolated over the layer index), or a
/// list of <c>{filter, value}</c> entries where the first entry whose filter is a substring of the tensor name
/// wins (an entry without filter matches everything).
/// </summary>
public abstract record ParameterValue
{
    /// <summary>The value for a tensor, or null when no filter entry matches.</summary>
    public abstract double? Resolve(string tensorName, LayerPosition layer);

    /// <summary>Every literal number in the value (for range checks).</summary>
    public abstract IEnumerable<double> Literals();
}

/// <summary>A single number.</summary>
/// <param name="Value">The number.</param>
public sealed record ScalarParameter(double Value) : ParameterValue
{
    /// <inheritdoc />
    public override double? Resolve(string tensorName, LayerPosition layer) => Value;

    /// <inheritdoc />
    public override IEnumerable<double> Literals() => [Value];
}

/// <summary>
/// Anchors a_0..a_{m−1} spread evenly over layers 0..L−1: for layer ℓ, x = ℓ/(L−1)·(m−1), value = linear
/// interpolation between a_⌊x⌋ and a_⌈x⌉. Tensors without a layer index take a_0.
/// </summary>
/// <param name="Anchors">The anchor values.</param>
public sealed record GradientParameter(IReadOnlyList<double> Anchors) : ParameterValue
{
    /// <inheritdoc />
    public override double? Resolve(string tensorName, LayerPosition layer)
    {
        if (Anchors.Count == 1 || layer.Index is null || layer.Count <= 1)
        {
            return Anchors[0];
        }
        double x = Math.Clamp((double)layer.Index.Value / (layer.Count - 1), 0, 1) * (Anchors.Count - 1);
        int lo = (int)Math.Floor(x);
        int hi = Math.Min(lo + 1, Anchors.Count - 1);
        double frac = x - lo;
        return Anchors[lo] + ((Anchors[hi] - Anchors[lo]) * frac);
    }

    /// <inheritdoc />
    public override IEnumerable<double> Literals() => Anchors;
}

/// <summary>Ordered <c>{filter, value}</c> entries.</summary>
/// <param name="Entries">Filter (null = any tensor) and the value to use.</param>
public sealed record FilteredParameter(IReadOnlyList<(string? Filter, ParameterValue Value)> Entries) : ParameterValue
{
    /// <inheritdoc />
    public override double? Resolve(string tensorName, LayerPosition layer)
    {
        foreach ((string? filter, ParameterValue value) in Entries)
        {
            if (filter is null || tensorName.Contains(filter, StringComparison.Ordinal))
            {
                return value.Resolve(tensorName, layer);
            }
        }
        return null;
    }

    /// <inheritdoc />
    public override IEnumerable<double> Literals() => Entries.SelectMany(e => e.Value.Literals());
}
