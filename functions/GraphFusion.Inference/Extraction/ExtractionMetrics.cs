namespace GraphFusion.Inference.Extraction;

/// <summary>An entity mention as inclusive word offsets within a sentence, with its type.</summary>
public readonly record struct EntityLabel(int Start, int End, string Type);

/// <summary>A directed relation between two mentions of a sentence (inclusive word offsets), head first.</summary>
public readonly record struct RelationLabel(int HeadStart, int HeadEnd, int TailStart, int TailEnd, string Type);

/// <summary>The entities and relations of one sentence.</summary>
public sealed record SentenceLabels(IReadOnlyList<EntityLabel> Entities, IReadOnlyList<RelationLabel> Relations);

/// <summary>Precision, recall and F1 (0..1) with the counts behind them.</summary>
public sealed record PrfScore(double Precision, double Recall, double F1, int Predicted, int Gold, int Correct)
{
    /// <summary>Scores from counts; empty predictions give precision 0, an empty gold set recall 0.</summary>
    public static PrfScore FromCounts(int predicted, int gold, int correct)
    {
        var precision = predicted == 0 ? 0 : (double)correct / predicted;
        var recall = gold == 0 ? 0 : (double)correct / gold;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new PrfScore(precision, recall, f1, predicted, gold, correct);
    }
}

/// <summary>Entity and relation extraction scores.</summary>
/// <param name="Entity">Exact span and type.</param>
/// <param name="Relation">Both argument spans exact, in order, and the relation type.</param>
/// <param name="RelationStrict">As <paramref name="Relation"/>, and both arguments' predicted entity types right.</param>
/// <param name="EntityByType">Entity scores per gold/predicted entity type.</param>
/// <param name="RelationByType">Relation (boundaries and type) scores per relation type.</param>
public sealed record ExtractionScores(
    PrfScore Entity,
    PrfScore Relation,
    PrfScore RelationStrict,
    IReadOnlyDictionary<string, PrfScore> EntityByType,
    IReadOnlyDictionary<string, PrfScore> RelationByType);

/// <summary>Accumulates predictions against gold labels sentence by sentence (micro-averaged, as for SciERC).</summary>
public sealed class ExtractionEvaluator
{
    private readonly Dictionary<string, (int Predicted, int Gold, int Correct)> _entityTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Predicted, int Gold, int Correct)> _relationTypes = new(StringComparer.Ordinal);
    private (int Predicted, int Gold, int Correct) _entity;
    private (int Predicted, int Gold, int Correct) _relation;
    private int _strictCorrect;

    /// <summary>Adds one sentence.</summary>
    public void Add(SentenceLabels gold, SentenceLabels predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var goldEntities = gold.Entities.ToHashSet();
        var predictedEntities = predicted.Entities.ToHashSet();
        _entity.Gold += goldEntities.Count;
        _entity.Predicted += predictedEntities.Count;
        foreach (var e in goldEntities)
        {
            Bump(_entityTypes, e.Type, gold: 1);
        }

        foreach (var e in predictedEntities)
        {
            var correct = goldEntities.Contains(e) ? 1 : 0;
            _entity.Correct += correct;
            Bump(_entityTypes, e.Type, predicted: 1, correct: correct);
        }

        var goldTypes = TypesBySpan(gold.Entities);
        var predictedTypes = TypesBySpan(predicted.Entities);
        var goldRelations = gold.Relations.ToHashSet();
        var predictedRelations = predicted.Relations.ToHashSet();
        _relation.Gold += goldRelations.Count;
        _relation.Predicted += predictedRelations.Count;
        foreach (var r in goldRelations)
        {
            Bump(_relationTypes, r.Type, gold: 1);
        }

        foreach (var r in predictedRelations)
        {
            var correct = goldRelations.Contains(r) ? 1 : 0;
            _relation.Correct += correct;
            Bump(_relationTypes, r.Type, predicted: 1, correct: correct);
            if (correct == 1
                && SameType(goldTypes, predictedTypes, (r.HeadStart, r.HeadEnd))
                && SameType(goldTypes, predictedTypes, (r.TailStart, r.TailEnd)))
            {
                _strictCorrect++;
            }
        }
    }

    /// <summary>The scores so far.</summary>
    public ExtractionScores Result() => new(
        PrfScore.FromCounts(_entity.Predicted, _entity.Gold, _entity.Correct),
        PrfScore.FromCounts(_relation.Predicted, _relation.Gold, _relation.Correct),
        PrfScore.FromCounts(_relation.Predicted, _relation.Gold, _strictCorrect),
        _entityTypes.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => PrfScore.FromCounts(p.Value.Predicted, p.Value.Gold, p.Value.Correct)),
        _relationTypes.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => PrfScore.FromCounts(p.Value.Predicted, p.Value.Gold, p.Value.Correct)));

    private static Dictionary<(int, int), HashSet<string>> TypesBySpan(IReadOnlyList<EntityLabel> entities)
    {
        var types = new Dictionary<(int, int), HashSet<string>>();
        foreach (var e in entities)
        {
            if (!types.TryGetValue((e.Start, e.End), out var set))
            {
                types[(e.Start, e.End)] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(e.Type);
        }

        return types;
    }

    private static bool SameType(Dictionary<(int, int), HashSet<string>> gold, Dictionary<(int, int), HashSet<string>> predicted, (int, int) span) =>
        gold.TryGetValue(span, out var g) && predicted.TryGetValue(span, out var p) && g.Overlaps(p);

    private static void Bump(Dictionary<string, (int Predicted, int Gold, int Correct)> counts, string type, int predicted = 0, int gold = 0, int correct = 0)
    {
        counts.TryGetValue(type, out var c);
        counts[type] = (c.Predicted + predicted, c.Gold + gold, c.Correct + correct);
    }
}
