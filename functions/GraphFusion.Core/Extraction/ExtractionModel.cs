namespace GraphFusion.Core.Extraction;

/// <summary>The text of one chunk handed to an extractor.</summary>
public sealed record ChunkInput(string ChunkId, string Text);

/// <summary>An entity mention; offsets are relative to the chunk text.</summary>
public sealed record ExtractedMention(string Surface, string Type, int Start, int End, double Confidence);

/// <summary>A candidate (head, relation, tail) triplet; the span is its evidence in the chunk text.</summary>
public sealed record ExtractedTriplet(string Head, string Relation, string Tail, int Start, int End, double Confidence);

/// <summary>Two surface forms the text says are the same thing (an acronym and its expansion).</summary>
public sealed record ExtractedAlias(string Short, string Long);

/// <summary>Everything one extractor found in one chunk.</summary>
public sealed record ChunkExtraction(
    string ChunkId,
    string Extractor,
    IReadOnlyList<ExtractedMention> Mentions,
    IReadOnlyList<ExtractedTriplet> Triplets,
    IReadOnlyList<ExtractedAlias> Aliases);

/// <summary>Step 2 of the pipeline: candidate entities and triplets from chunks.</summary>
public interface ITripletExtractor
{
    /// <summary>Name and version; part of the cache key of extraction results, so a new version re-extracts.</summary>
    string Name { get; }

    Task<IReadOnlyList<ChunkExtraction>> ExtractAsync(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken);
}
