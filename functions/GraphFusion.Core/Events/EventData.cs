namespace GraphFusion.Core.Events;

/// <summary>Payload of <c>document.ingested</c>.</summary>
public sealed record DocumentIngestedData(string DocumentId, string Name, int Chunks, int ChunksExtracted, int Entities, int Relations);

/// <summary>Payload of <c>document.failed</c>.</summary>
public sealed record DocumentFailedData(string DocumentId, string Name, string Error);

/// <summary>Payload of <c>document.removed</c>.</summary>
public sealed record DocumentRemovedData(string DocumentId, int KeysFused, int EntitiesWritten, int EntitiesDeleted, int RelationsWritten);

/// <summary>Payload of <c>graph.refused</c>: what one global re-fusion pass changed.</summary>
public sealed record GraphRefusedData(int DocumentsRetracted, int KeysFused, int EntitiesWritten, int EntitiesDeleted, int RelationsWritten);

/// <summary>Payload of <c>model.merged</c>.</summary>
public sealed record ModelMergedData(string Model, string Method, string Output);
