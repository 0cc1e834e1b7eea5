using GraphFusion.Core.Chunking;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Llm.Parsing;
using GraphFusion.Llm.Prompts;

namespace GraphFusion.Llm.Validation;

/// <summary>Mentions and triplets of one passage that survived validation; offsets are relative to the chunk.</summary>
public sealed record ValidatedPassage(IReadOnlyList<ExtractedMention> Mentions, IReadOnlyList<ExtractedTriplet> Triplets, ValidationCounts Counts);

/// <summary>
/// Keeps only what the passage supports: relation types mapped onto the schema (unknown ones dropped), self-loops dropped,
/// head and tail grounded in the passage (ungrounded dropped). Surfaces are replaced by the text as written in the passage,
/// and the evidence span is the sentences holding the closest pair of head and tail occurrences.
/// </summary>
public sealed class TripletValidator(RelationSchema schema)
{
    private const double MentionConfidence = 0.8;
    private readonly RelationTypeMapper relations = new(schema);

    /// <param name="passage">The text sent to the model.</param>
    /// <param name="offset">Where the passage starts in its chunk.</param>
    /// <param name="tripletConfidence">Confidence given to each accepted triplet.</param>
    public ValidatedPassage Validate(string passage, int offset, RawExtraction raw, double tripletConfidence)
    {
        var grounder = new PassageGrounder(passage, InstructionLikeSentences.Find(passage));
        var sentences = SentenceSplitter.Split(passage);
        var entityTypes = EntityTypesByName(raw.Entities);
        var mentions = new Dictionary<TextSpan, ExtractedMention>();
        var triplets = new List<ExtractedTriplet>();
        var seen = new HashSet<(string, string, string)>();
        var counts = default(ValidationCounts);

        foreach (var triplet in raw.Triplets)
        {
            var relation = relations.Map(triplet.Relation);
            if (relation is null)
            {
                counts = counts with { UnknownRelation = counts.UnknownRelation + 1 };
                continue;
            }

            if (NameNormalizer.Key(triplet.Head) == NameNormalizer.Key(triplet.Tail))
            {
                counts = counts with { SelfLoop = counts.SelfLoop + 1 };
                continue;
            }

            var pair = ClosestPair(sentences, grounder.FindAll(triplet.Head), grounder.FindAll(triplet.Tail));
            if (pair is not var (head, tail))
            {
                counts = counts with { Ungrounded = counts.Ungrounded + 1 };
                continue;
            }

            var headSurface = passage[head.Start..head.End];
            var tailSurface = passage[tail.Start..tail.End];
            if (!seen.Add((NameNormalizer.Key(headSurface), relation, NameNormalizer.Key(tailSurface))))
            {
                counts = counts with { Duplicate = counts.Duplicate + 1 };
                continue;
            }

            var evidence = Evidence(sentences, head, tail);
            triplets.Add(new ExtractedTriplet(headSurface, relation, tailSurface, evidence.Start + offset, evidence.End + offset, tripletConfidence));
            AddMention(mentions, passage, head, offset, TypeOf(triplet.Head, entityTypes));
            AddMention(mentions, passage, tail, offset, TypeOf(triplet.Tail, entityTypes));
            counts = counts with { Accepted = counts.Accepted + 1 };
        }

        foreach (var entity in raw.Entities)
        {
            var spans = grounder.FindAll(entity.Name);
            if (spans.Count == 0)
            {
                counts = counts with { UngroundedEntities = counts.UngroundedEntities + 1 };
                continue;
            }

            AddMention(mentions, passage, spans[0], offset, TypeOf(entity.Name, entityTypes));
        }

        return new ValidatedPassage([.. mentions.Values.OrderBy(m => m.Start)], triplets, counts);
    }

    private static Dictionary<string, string> EntityTypesByName(IReadOnlyList<RawEntity> entities)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            var type = ExtractionResponseSchema.EntityTypes.FirstOrDefault(t => string.Equals(t, entity.Type, StringComparison.OrdinalIgnoreCase));
            if (type is not null)
            {
                types.TryAdd(NameNormalizer.Key(entity.Name), type);
            }
        }

        return types;
    }

    private static string TypeOf(string name, Dictionary<string, string> entityTypes) =>
        entityTypes.TryGetValue(NameNormalizer.Key(name), out var type) ? type : EntityTyper.TypeOf(name);

    private static void AddMention(Dictionary<TextSpan, ExtractedMention> mentions, string passage, TextSpan span, int offset, string type) =>
        mentions.TryAdd(span, new ExtractedMention(passage[span.Start..span.End], type, span.Start + offset, span.End + offset, MentionConfidence));

    /// <summary>The head and tail occurrences in the fewest sentences, then the nearest; overlapping occurrences never pair.</summary>
    private static (TextSpan Head, TextSpan Tail)? ClosestPair(IReadOnlyList<SentenceSpan> sentences, IReadOnlyList<TextSpan> heads, IReadOnlyList<TextSpan> tails)
    {
        (TextSpan, TextSpan)? best = null;
        var bestDistance = int.MaxValue;
        foreach (var head in heads)
        {
            foreach (var tail in tails)
            {
                if (head.Start < tail.End && tail.Start < head.End)
                {
                    continue;
                }

                var sentencesApart = Math.Abs(SentenceIndex(sentences, head.Start) - SentenceIndex(sentences, tail.Start));
                var distance = (sentencesApart * 1_000_000) + Math.Max(head.Start, tail.Start) - Math.Min(head.End, tail.End);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = (head, tail);
                }
            }
        }

        return best;
    }

    private static int SentenceIndex(IReadOnlyList<SentenceSpan> sentences, int position)
    {
        for (var i = 0; i < sentences.Count; i++)
        {
            if (position < sentences[i].End)
            {
                return i;
            }
        }

        return sentences.Count;
    }

    private static TextSpan Evidence(IReadOnlyList<SentenceSpan> sentences, TextSpan head, TextSpan tail)
    {
        var start = Math.Min(head.Start, tail.Start);
        var end = Math.Max(head.End, tail.End);
        foreach (var sentence in sentences)
        {
            if (sentence.Start <= start && start < sentence.End)
            {
                start = sentence.Start;
            }

            if (sentence.Start < end && end <= sentence.End)
            {
                end = sentence.End;
            }
        }

        return new TextSpan(start, end);
    }
}
