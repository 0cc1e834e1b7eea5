namespace GraphFusion.Core.Fusion.Proposals;

/// <summary>Settings of the chat model's proposals of novel triplets.</summary>
public sealed record ProposalOptions
{
    /// <summary>Pairs asked about per pass, those sharing the most neighbours first (each answer is cached, so a pass asks only new pairs).</summary>
    public int MaxQuestionsPerPass { get; init; } = 50;

    /// <summary>Neighbours an entity may have to serve as the shared neighbour of a pair; hubs relate too much to say anything.</summary>
    public int MaxHubDegree { get; init; } = 30;

    /// <summary>Paths shown per question.</summary>
    public int MaxPaths { get; init; } = 3;

    /// <summary>Passages shown per question.</summary>
    public int MaxPassages { get; init; } = 4;
}
