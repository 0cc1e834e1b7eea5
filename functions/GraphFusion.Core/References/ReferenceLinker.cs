using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.References;

/// <summary>
/// Links mentions to reference entities: candidates by exact key, alias key, acronym and name n-grams
/// (<see cref="ReferenceIndex.Candidates"/>), each scored as
/// <c>NameWeight · name + (1 − NameWeight) · context</c> where context compares the mention's sentence with the
/// entity's description (<see cref="ContextScorer"/>). Two entities with the same name are told apart by context
/// alone; when it cannot tell them apart the confidence is cut. A near-miss name (n-grams only) needs at least some
/// supporting context. Below <see cref="ReferenceLinkerOptions.NilThreshold"/>
/// the mention is NIL.
/// </summary>
public sealed class ReferenceLinker(ReferenceIndex index, ReferenceLinkerOptions? options = null, ITextEmbedder? embedder = null) : IReferenceLinker
{
    private readonly ReferenceLinkerOptions _options = options ?? new ReferenceLinkerOptions();

    /// <summary>The index linked against.</summary>
    public ReferenceIndex Index => index;

    public ReferenceLink? Link(string surface, string sentence) => Decide(surface, sentence, null);

    public async ValueTask<ReferenceLink?> LinkAsync(string surface, string sentence, CancellationToken cancellationToken)
    {
        float[]? vector = null;
        if (embedder is not null && index.HasEmbeddings && sentence.Trim().Length > 0)
        {
            vector = (await embedder.EmbedAsync([sentence], cancellationToken))[0];
        }

        return Decide(surface, sentence, vector);
    }

    /// <summary>Every candidate with its score, best first (for inspection and evaluation).</summary>
    public IReadOnlyList<(ReferenceCandidate Candidate, double Context, double Score)> Score(string surface, string sentence, float[]? sentenceVector = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var cleaned = SurfaceCleaner.Clean(surface).Surface;
        var candidates = index.Candidates(cleaned, minSimilarity: _options.MinNameSimilarity);
        if (candidates.Count == 0)
        {
            return [];
        }

        var words = ContextTokens.Of(sentence ?? "");
        words.ExceptWith(ContextTokens.Of(cleaned));
        return
        [
            .. candidates
                .Select(c =>
                {
                    var context = Math.Max(ContextScorer.Words(words, index.ContextOf(c.Index)), ContextScorer.Embeddings(sentenceVector, index.EmbeddingOf(c.Index)));
                    return (c, context, (_options.NameWeight * c.NameScore) + ((1 - _options.NameWeight) * context));
                })
                .OrderByDescending(s => s.Item3)
                .ThenBy(s => s.c.Index),
        ];
    }

    private ReferenceLink? Decide(string surface, string sentence, float[]? sentenceVector)
    {
        var scored = Score(surface, sentence, sentenceVector);
        if (scored.Count == 0)
        {
            return null;
        }

        var (best, context, confidence) = scored[0];
        if (best.Match == NameMatch.Similar && context == 0)
        {
            return null;
        }

        if (scored.Count > 1 && scored[1].Score >= confidence - _options.AmbiguityMargin)
        {
            confidence *= _options.AmbiguityPenalty;
        }

        return confidence >= _options.NilThreshold ? new ReferenceLink(best.Entity, Math.Round(confidence, 4)) : null;
    }
}
