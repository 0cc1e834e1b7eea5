namespace GraphFusion.Core.Alignment;

/// <summary>A candidate pair of dense entity indices and its similarity.</summary>
public readonly record struct ScoredPair(int Left, int Right, float Score);
