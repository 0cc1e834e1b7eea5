namespace GraphFusion.Merging.Methods;

/// <summary>Where a method parameter is read from.</summary>
public enum ParameterScope
{
    /// <summary>Per model (<c>models[i].parameters</c>), falling back to the global <c>parameters</c> value.</summary>
    PerModel,
    /// <summary>Once per merge (global <c>parameters</c>).</summary>
    Global,
}

/// <summary>Declaration of a method parameter: its default (null = required) and allowed range.</summary>
/// <param name="Name">Key in the recipe.</param>
/// <param name="Scope">Per-model or global.</param>
/// <param name="Default">Value used when absent; null makes it required; NaN means optional with no value.</param>
/// <param name="Min">Smallest allowed value.</param>
/// <param name="Max">Largest allowed value.</param>
/// <param name="Description">One-line meaning, for reports.</param>
public sealed record ParameterSpec(string Name, ParameterScope Scope, double? Default, double Min, double Max, string Description)
{
    /// <summary>True when <paramref name="value"/> lies in [Min, Max] (NaN only when the default is NaN).</summary>
    public bool Allows(double value) => double.IsNaN(value) ? Default is double d && double.IsNaN(d) : value >= Min && value <= Max;
}

/// <summary>A merge algorithm applied tensor by tensor.</summary>
public interface IMergeMethod
{
    /// <summary>The <c>merge_method</c> name.</summary>
    string Name { get; }

    /// <summary>True when the method needs <c>base_model</c> (or an implicit zero base for adapter merges).</summary>
    bool RequiresBase { get; }

    /// <summary>Smallest number of entries in <c>models</c> (not counting the base).</summary>
    int MinModels { get; }

    /// <summary>Largest number of entries in <c>models</c> (not counting the base).</summary>
    int MaxModels => int.MaxValue;

    /// <summary>Accepted parameters.</summary>
    IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>True when merging task vectors with this method stays in the span of the inputs (linear in the inputs).</summary>
    bool IsLinear => false;

    /// <summary>Extra checks on resolved per-model parameter presence (e.g. one metric for all models); returns problems.</summary>
    IEnumerable<string> ValidateModelParameters(IReadOnlyList<IReadOnlySet<string>> givenPerModel) => [];

    /// <summary>Merges one tensor.</summary>
    float[] Merge(TensorMergeContext context);
}
