namespace GraphFusion.Core.Graph;

/// <summary>A relation type with its definition, as given to extractors and to fusion.</summary>
public sealed record RelationType(string Name, string Definition, bool Symmetric = false);

/// <summary>The relation types the pipeline accepts. The default is Graphusion's seven.</summary>
public sealed class RelationSchema
{
    public const string Compare = "Compare";
    public const string PartOf = "Part-of";
    public const string Conjunction = "Conjunction";
    public const string EvaluateFor = "Evaluate-for";
    public const string PrerequisiteOf = "Is-a-Prerequisite-of";
    public const string UsedFor = "Used-for";
    public const string HyponymOf = "Hyponym-Of";

    private readonly Dictionary<string, RelationType> byName;

    public RelationSchema(IEnumerable<RelationType> types)
    {
        Types = types.ToArray();
        byName = Types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<RelationType> Types { get; }

    public static RelationSchema Graphusion { get; } = new(
    [
        new(Compare, "Head and tail are compared with each other.", Symmetric: true),
        new(PartOf, "Head is a part or component of tail."),
        new(Conjunction, "Head and tail are used together or play a similar role.", Symmetric: true),
        new(EvaluateFor, "Head is used to evaluate tail (a metric or dataset for a task or method)."),
        new(PrerequisiteOf, "Learning head helps to understand tail."),
        new(UsedFor, "Head is used for tail (a method for a task, a tool for a purpose)."),
        new(HyponymOf, "Head is a specific kind of tail."),
    ]);

    /// <summary>The canonical name of a type, or null when the schema does not know it.</summary>
    public string? Canonical(string name) => byName.TryGetValue(name.Trim(), out var type) ? type.Name : null;

    public bool IsSymmetric(string name) => byName.TryGetValue(name, out var type) && type.Symmetric;
}
