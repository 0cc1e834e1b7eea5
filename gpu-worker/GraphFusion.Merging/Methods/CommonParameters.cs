namespace GraphFusion.Merging.Methods;

/// <summary>Parameter declarations shared by several methods.</summary>
internal static class CommonParameters
{
    public static readonly ParameterSpec Weight = new("weight", ParameterScope.PerModel, 1.0, -1e6, 1e6, "model weight w_i");
    public static readonly ParameterSpec Density = new("density", ParameterScope.PerModel, null, 0, 1, "fraction of task-vector entries kept");
    public static readonly ParameterSpec Lambda = new("lambda", ParameterScope.Global, 1.0, -1e6, 1e6, "scale λ of the merged task vector");

    public static ParameterSpec Normalize(bool byDefault) =>
        new("normalize", ParameterScope.Global, byDefault ? 1 : 0, 0, 1, "divide by the sum of weights (true/false)");
}
