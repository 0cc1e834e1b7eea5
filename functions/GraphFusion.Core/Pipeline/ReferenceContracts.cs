using GraphFusion.Core.References;

namespace GraphFusion.Core.Pipeline;

/// <summary>Index one reference. <paramref name="Reference"/> is what the reference source reads (a blob name, a path; folders end in <c>/</c>).</summary>
public sealed record IndexReferenceRequest(string Reference, string? ContentHash = null)
{
    public string ReferenceId => ReferenceNames.IdOf(Reference);
}

/// <summary>What reading a reference found; <see cref="Outcome"/> is one of <see cref="ReferenceOutcomes"/>.</summary>
public sealed record StagedReference(
    string ReferenceId,
    string Reference,
    string Outcome,
    string Version,
    int Entities,
    IReadOnlyList<string> Files,
    DateTimeOffset SourceModifiedAt,
    string? Error);

/// <summary>The outcome of indexing one reference, as the orchestration returns it.</summary>
public sealed record IndexReferenceOutcome(string ReferenceId, string Reference, string Status, string? Error, int Entities);

public static class ReferenceOutcomes
{
    /// <summary>The entities of a new version are stored and wait to be made current.</summary>
    public const string Staged = nameof(Staged);

    /// <summary>This version is already the indexed one.</summary>
    public const string Unchanged = nameof(Unchanged);

    /// <summary>The store holds a newer upload of this reference; nothing to do.</summary>
    public const string Superseded = nameof(Superseded);

    /// <summary>The reference no longer exists (the re-fusion pass removes it).</summary>
    public const string Missing = nameof(Missing);

    public const string Incomplete = nameof(Incomplete);

    public const string Failed = nameof(Failed);
}
