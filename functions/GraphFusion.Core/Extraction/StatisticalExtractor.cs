using GraphFusion.Core.Chunking;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Extraction;

/// <summary>
/// An offline extractor with no model: noun-phrase candidates between stop words, typed by their head word,
/// related by the cue phrases between two candidates of one sentence ("X is used for Y", "Y such as X").
/// High precision, modest recall; the default until a trained extractor is configured.
/// </summary>
public sealed partial class StatisticalExtractor : ITripletExtractor
{
    public string Name => "statistical-v1";

    public Task<IReadOnlyList<ChunkExtraction>> ExtractAsync(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken)
    {
        var results = new List<ChunkExtraction>(chunks.Count);
        foreach (var chunk in chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(Extract(chunk));
        }

        return Task.FromResult<IReadOnlyList<ChunkExtraction>>(results);
    }

    public ChunkExtraction Extract(ChunkInput chunk)
    {
        var mentions = new List<ExtractedMention>();
        var triplets = new List<ExtractedTriplet>();
        var aliases = AcronymDetector.Find(chunk.Text).Select(a => new ExtractedAlias(a.Acronym, a.Expansion)).ToList();
        foreach (var sentence in SentenceSplitter.Split(chunk.Text))
        {
            var candidates = PhraseCandidates.Find(chunk.Text, sentence);
            mentions.AddRange(candidates.Select(c => new ExtractedMention(c.Surface, EntityTyper.TypeOf(c.Surface), c.Start, c.End, c.Confidence)));
            triplets.AddRange(RelateCandidates(chunk.Text, sentence, candidates));
        }

        foreach (var alias in aliases)
        {
            AddIfMissing(mentions, chunk.Text, alias.Short);
            AddIfMissing(mentions, chunk.Text, alias.Long);
        }

        return new ChunkExtraction(chunk.ChunkId, Name, mentions, triplets, aliases);
    }

    private static void AddIfMissing(List<ExtractedMention> mentions, string text, string surface)
    {
        if (mentions.Any(m => string.Equals(m.Surface, surface, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var start = text.IndexOf(surface, StringComparison.Ordinal);
        if (start >= 0)
        {
            mentions.Add(new ExtractedMention(surface, EntityTyper.TypeOf(surface), start, start + surface.Length, 0.6));
        }
    }

    private static IEnumerable<ExtractedTriplet> RelateCandidates(string text, SentenceSpan sentence, IReadOnlyList<PhraseCandidate> candidates)
    {
        for (var i = 0; i + 1 < candidates.Count; i++)
        {
            var left = candidates[i];
            var right = candidates[i + 1];
            var between = text[left.End..right.Start].Trim().ToLowerInvariant();
            if (between.Length > 60)
            {
                continue;
            }

            var cue = RelationCues.Match(between);
            if (cue is null || NameNormalizer.Key(left.Surface) == NameNormalizer.Key(right.Surface))
            {
                continue;
            }

            var (head, tail) = cue.Reversed ? (right, left) : (left, right);
            yield return new ExtractedTriplet(head.Surface, cue.Relation, tail.Surface, sentence.Start, sentence.End, cue.Confidence);

            // "A, B and C are used for D": a conjunction list shares the relation of its last member.
            if (!cue.Reversed && cue.Relation != RelationSchema.Conjunction)
            {
                for (var j = i - 1; j >= 0; j--)
                {
                    var gap = text[candidates[j].End..candidates[j + 1].Start].Trim().ToLowerInvariant();
                    // ", and" usually joins clauses, not list items: the list stops there.
                    if (gap is not ("," or "and" or "or"))
                    {
                        break;
                    }

                    yield return new ExtractedTriplet(candidates[j].Surface, cue.Relation, tail.Surface, sentence.Start, sentence.End, cue.Confidence * 0.9);
                }
            }
        }
    }
}
