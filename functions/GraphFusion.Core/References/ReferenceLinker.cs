using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.References;

/// <summary>
/// Links mentions to reference entities: candidates by exact key, alias key, acronym, name n-grams and, with an embedder
/// over an index with embeddings, the entities nearest to the mention's embedding (<see cref="ReferenceIndex.Candidates"/>),
/// each scored as
/// <c>NameWeight · name + (1 − NameWeight) · context</c> where context compares the mention's sentence with the
/// entity's description (<see cref="ContextScorer"/>). Two entities with the same name are told apart by context
/// alone; when it cannot tell them apart the confidence is cut. A near-miss name (n-grams or embedding only) needs at
/// least some supporting context. Below <see cref="ReferenceLinkerOptions.NilThreshold"/>
/// the mention is NIL.
/// </summary>
public sealed class ReferenceLinker(ReferenceIndex index, ReferenceLinkerOptions? options = null, ITextEmbedder? embedder = null) : IReferenceLinker
{
    private readonly ReferenceLinkerOptions _options = options ?? new ReferenceLinkerOptions();

    /// <summary>The index linked against.</summary>
    public ReferenceIndex Index => index;

    public ReferenceLink? Link(string surface, string sentence) => Decide(surface, sentence, null, null);

    /// <summary>As <see cref="Link"/>; with an embedder, also embeds the mention (embedding candidates) and its sentence (context).</summary>
    public async ValueTask<ReferenceLink?> LinkAsync(string surface, string sentence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(surface);
        if (embedder is null || !index.HasEmbeddings)
        {
            return Decide(surface, sentence, null, null);
        }

        var cleaned = SurfaceCleaner.Clean(surface).Surface;
        var hasSentence = sentence.Trim().Length > 0;
        if (cleaned.Trim().Length == 0)
        {
            return null;
        }

        var vectors = await embedder.EmbedAsync(hasSentence ? [cleaned, sentence] : [cleaned], cancellationToken);
        return Decide(surface, sentence, hasSentence ? vectors[1] : null, vectors[0]);
    }

    /// <summary>Every candidate with its score, best first (for inspection and evaluation).</summary>
    public IReadOnlyList<(ReferenceCandidate Candidate, double Context, double Score)> Score(
        string surface, string sentence, float[]? sentenceVector = null, float[]? surfaceVector = null)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var cleaned = SurfaceCleaner.Clean(surface).Surface;
        var candidates = index.Candidates(
            cleaned, minSimilarity: _options.MinNameSimilarity, surfaceVector: surfaceVector, minEmbedding: _options.MinEmbeddingSimilarity);
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

    private ReferenceLink? Decide(string surface, string sentence, float[]? sentenceVector, float[]? surfaceVector)
    {
        var scored = Score(surface, sentence, sentenceVector, surfaceVector);
        if (scored.Count == 0)
        {
            return null;
        }

        var (best, context, confidence) = scored[0];
        if (best.Match is NameMatch.Similar or NameMatch.Embedding && context == 0)
        {
            return null;
        }

        if (scored.Count > 1 && scored[1].Score >= confidence - _options.AmbiguityMargin)
        {
            confidence *= _options.AmbiguityPenalty;
        }

        return confidence >= _options.NilThreshold ? new ReferenceLink(best.Entity, Math.Round(confidence, 4), best.Match) : null;
    }
}
