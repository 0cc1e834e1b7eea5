using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.Adjudication;

/// <summary>
/// Chooses the relation that holds between two entities when the documents disagree, from background passages
/// (implemented over a chat model outside the core).
/// </summary>
public interface IRelationAdjudicator
{
    /// <summary>Names the judge in verdicts and in the relation's adjudication note (e.g. the model).</summary>
    string Name { get; }

    Task<AdjudicationAnswer> AdjudicateAsync(AdjudicationQuestion question, CancellationToken cancellationToken);
}

/// <summary>
/// What the judge sees: both entities, the competing types with their definitions (in the direction head → tail), and
/// the passages that made the claims, each with the type it claimed.
/// </summary>
public sealed record AdjudicationQuestion(
    Entity Head,
    Entity Tail,
    IReadOnlyList<RelationType> Candidates,
    IReadOnlyList<Evidence> Passages);

/// <summary>The judge's choice among the candidates, or null to abstain (for instance when the answer named no candidate).</summary>
public sealed record AdjudicationAnswer(string? Type, string Reason);
