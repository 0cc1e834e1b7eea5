using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;

namespace GraphFusion.Inference.Extraction;

/// <summary>SciERC's entity and relation labels and how they map onto the pipeline's schema.</summary>
public static class SciErcSchema
{
    /// <summary>SciERC entity types.</summary>
    public static IReadOnlyList<string> EntityTypes { get; } = ["Task", "Method", "Metric", "Material", "OtherScientificTerm", "Generic"];

    /// <summary>SciERC relation types (directed: the first argument is the head).</summary>
    public static IReadOnlyList<string> RelationTypes { get; } = ["USED-FOR", "FEATURE-OF", "HYPONYM-OF", "PART-OF", "COMPARE", "CONJUNCTION", "EVALUATE-FOR"];

    /// <summary>
    /// The pipeline relation (Graphusion's schema) for a SciERC relation. FEATURE-OF ("A is a
    /// feature / property of B") has no Graphusion counterpart; it is mapped to Part-of, the closest
    /// (an attribute is a component of what it describes), rather than dropped.
    /// </summary>
    public static string ToPipelineRelation(string sciErcRelation) => sciErcRelation switch
    {
        "USED-FOR" => RelationSchema.UsedFor,
        "PART-OF" => RelationSchema.PartOf,
        "FEATURE-OF" => RelationSchema.PartOf,
        "HYPONYM-OF" => RelationSchema.HyponymOf,
        "COMPARE" => RelationSchema.Compare,
        "CONJUNCTION" => RelationSchema.Conjunction,
        "EVALUATE-FOR" => RelationSchema.EvaluateFor,
        _ => throw new ArgumentOutOfRangeException(nameof(sciErcRelation), sciErcRelation, "Not a SciERC relation type."),
    };

    /// <summary>
    /// The pipeline's mention type for a SciERC entity type (OtherScientificTerm becomes Concept);
    /// null for Generic ("this approach", "it"), which names no concept and is left out of the graph.
    /// </summary>
    public static string? ToPipelineEntityType(string sciErcType) => sciErcType switch
    {
        "Task" => EntityTyper.Task,
        "Method" => EntityTyper.Method,
        "Metric" => EntityTyper.Metric,
        "Material" => EntityTyper.Material,
        "OtherScientificTerm" => EntityTyper.Concept,
        _ => null,
    };
}
