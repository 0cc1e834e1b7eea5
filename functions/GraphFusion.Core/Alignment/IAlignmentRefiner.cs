namespace GraphFusion.Core.Alignment;

/// <summary>Re-decides an aligner's pairs with outside judgement (a chat model's vote, in GraphFusion.Llm).</summary>
public interface IAlignmentRefiner
{
    Task<AlignmentRefinement> RefineAsync(
        GraphAligner aligner, KnowledgeGraph left, KnowledgeGraph right, IReadOnlyList<EntityLink> seeds, IReadOnlyList<ScoredPair> pairs, int rounds, CancellationToken cancellationToken);
}

/// <summary>The refined pairs, how many left entities the judge decided and how many pairs that changed.</summary>
public sealed record AlignmentRefinement(List<ScoredPair> Pairs, int Changed, int Decided);
