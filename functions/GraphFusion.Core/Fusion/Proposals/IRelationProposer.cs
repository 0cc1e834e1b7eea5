using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion.Proposals;

/// <summary>
/// Proposes the relation that holds between two entities the graph connects only through shared neighbours, from the
/// facts around them and their passages (implemented over a chat model outside the core).
/// </summary>
public interface IRelationProposer
{
    /// <summary>Names the proposer in the proposed relations' reasoning (e.g. the model).</summary>
    string Name { get; }

    Task<ProposalAnswer> ProposeAsync(ProposalQuestion question, CancellationToken cancellationToken);
}

/// <summary>
/// What the proposer sees: both entities, the stated paths between them (e.g. <c>BERT -Hyponym-Of-> transformer -Used-for->
/// machine translation</c>), the passages behind those facts, and the numbered options: every relation type of the schema
/// in each direction (once for a symmetric type).
/// </summary>
public sealed record ProposalQuestion(
    Entity First,
    Entity Second,
    IReadOnlyList<string> Paths,
    IReadOnlyList<Evidence> Passages,
    IReadOnlyList<ProposalOption> Options);

/// <summary>One answer the proposer may give: <see cref="Type"/> read from the first entity to the second, or the reverse.</summary>
public sealed record ProposalOption(RelationType Type, bool FirstIsHead);

/// <summary>The chosen option (1-based; 0 when no relation holds or the answer named none) and the proposer's reason.</summary>
public sealed record ProposalAnswer(int Option, string Reason);
