using GraphFusion.Core.Extraction;

namespace GraphFusion.Workers.Extraction;

/// <summary>Lossless conversion between <see cref="ChunkExtraction"/> and the <c>/v1/extract</c> wire shape.</summary>
public static class ExtractMapping
{
    public static ExtractResult ToWire(ChunkExtraction extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        return new ExtractResult(
            extraction.ChunkId,
            [.. extraction.Mentions.Select(m => new ExtractEntity(m.Surface, m.Type, m.Start, m.End, m.Confidence))],
            [.. extraction.Triplets.Select(t => new ExtractRelation(t.Head, t.Relation, t.Tail, t.Start, t.End, t.Confidence))],
            [.. extraction.Aliases.Select(a => new ExtractAlias(a.Short, a.Long))]);
    }

    public static ChunkExtraction FromWire(ExtractResult result, string extractor)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ChunkExtraction(
            result.Id,
            extractor,
            [.. result.Entities.Select(e => new ExtractedMention(e.Surface, e.Type, e.Start, e.End, e.Confidence))],
            [.. result.Relations.Select(r => new ExtractedTriplet(r.Head, r.Relation, r.Tail, r.EvidenceStart, r.EvidenceEnd, r.Confidence))],
            [.. result.Aliases.Select(a => new ExtractedAlias(a.Short, a.Long))]);
    }
}
