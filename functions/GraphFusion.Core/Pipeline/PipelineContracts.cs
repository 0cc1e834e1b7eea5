using GraphFusion.Core.Fusion;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Pipeline;

/// <summary>Start an ingestion of one document. <paramref name="Reference"/> is what the document source reads (a path or a blob name).</summary>
public sealed record IngestRequest(string Reference, string? ContentHash = null)
{
    public string DocumentId => DocumentIds.For(Reference);
}

/// <summary>What preparing a document produced: its version and chunk ids, or why it was skipped or rejected.</summary>
public sealed record PreparedDocument(string DocumentId, string Name, string Version, IReadOnlyList<string> ChunkIds, bool Unchanged, string? Error);

public sealed record ExtractBatchRequest(string DocumentId, IReadOnlyList<string> ChunkIds);

/// <summary>How many chunks of a batch were extracted now, and how many came from earlier results.</summary>
public sealed record ExtractBatchResult(int Extracted, int Cached);

public sealed record LinkRequest(string DocumentId, string Version, IReadOnlyList<string> ChunkIds);

/// <summary>The keys whose claims changed and must be fused.</summary>
public sealed record LinkResult(IReadOnlyList<string> TouchedKeys, int Mentions, int RelationClaims);

public sealed record FuseRequest(IReadOnlyList<string> Keys);

public sealed record CompleteRequest(string DocumentId, string Version, FusionReport Fusion);

public sealed record FailRequest(string DocumentId, string Name, string Error);

/// <summary>The outcome of one document's ingestion, as an orchestration returns it.</summary>
public sealed record IngestOutcome(string DocumentId, string Name, string Status, string? Error, int Chunks, int ChunksExtracted, int Entities, int Relations);

/// <summary>Progress of an ingestion, published as the orchestration's custom status.</summary>
public sealed record IngestProgress(string Stage, int ChunksDone, int ChunksTotal);

/// <summary>Document ids derive from the reference, so a re-upload of the same path is the same document.</summary>
public static class DocumentIds
{
    public static string For(string reference) => StableId.Of("d-", reference.Replace('\\', '/').Trim());
}
