namespace GraphFusion.Merging.Methods;

/// <summary>The registry of merge methods by <c>merge_method</c> name.</summary>
public static class MergeMethods
{
    private static readonly Dictionary<string, IMergeMethod> ByName = new IMergeMethod[]
    {
        new LinearMerge(), new TaskArithmeticMerge(), new TiesMerge(), new DareLinearMerge(), new DareTiesMerge(),
        new BreadcrumbsMerge(), new DellaMerge(), new ModelStockMerge(), new SlerpMerge(), new PcbMerge(),
        new MetricsWeightedMerge(),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>All registered names.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>Looks a method up by name.</summary>
    public static bool TryGet(string name, out IMergeMethod method) => ByName.TryGetValue(name, out method!);
}
