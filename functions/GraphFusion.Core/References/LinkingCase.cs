namespace GraphFusion.Core.References;

/// <summary>A labelled mention: its surface, its sentence, and the reference id it names, or null for NIL.</summary>
public sealed record LinkingCase(string Surface, string Sentence, string? ExpectedId, int Line);
