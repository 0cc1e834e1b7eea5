using System.Numerics.Tensors;

namespace GraphFusion.Inference.Extraction;

/// <summary>An entity of one sentence: word range and entity type index.</summary>
internal readonly record struct TypedSpan(WordRange Range, int Type);

/// <summary>
/// Relation classifier over pairs of entities of one sentence, taken in text order (a before b):
/// class 0 is "no relation", 1..R is relation r with a as its first argument, R+1..2R relation r with
/// b as its first argument. Inputs: each entity's boundary and mean vectors, the mean of the words
/// between them, both entity types and the distance, through two hidden layers.
/// </summary>
internal sealed class RelationModel
{
    internal const int DistanceBuckets = 8;

    internal RelationModel(int dimensions, int hidden, int entityTypes, int relationTypes)
    {
        Dimensions = dimensions;
        Hidden = hidden;
        RelationTypes = relationTypes;
        Classes = 1 + (2 * relationTypes);
        EntityA = new Param("rel.entityA", hidden, 3 * dimensions);
        EntityB = new Param("rel.entityB", hidden, 3 * dimensions);
        Between = new Param("rel.between", hidden, dimensions);
        NothingBetween = new Param("rel.nothingBetween", 1, hidden);
        TypeA = new Param("rel.typeA", entityTypes, hidden);
        TypeB = new Param("rel.typeB", entityTypes, hidden);
        Distance = new Param("rel.distance", DistanceBuckets, hidden);
        Bias1 = new Param("rel.bias1", 1, hidden);
        Hidden2 = new Param("rel.hidden2", hidden, hidden);
        Bias2 = new Param("rel.bias2", 1, hidden);
        Output = new Param("rel.output", Classes, hidden);
        OutputBias = new Param("rel.outputBias", 1, Classes);
    }

    internal int Dimensions { get; }

    internal int Hidden { get; }

    internal int RelationTypes { get; }

    internal int Classes { get; }

    internal Param EntityA { get; }

    internal Param EntityB { get; }

    internal Param Between { get; }

    internal Param NothingBetween { get; }

    internal Param TypeA { get; }

    internal Param TypeB { get; }

    internal Param Distance { get; }

    internal Param Bias1 { get; }

    internal Param Hidden2 { get; }

    internal Param Bias2 { get; }

    internal Param Output { get; }

    internal Param OutputBias { get; }

    internal IEnumerable<Param> Parameters =>
        [EntityA, EntityB, Between, NothingBetween, TypeA, TypeB, Distance, Bias1, Hidden2, Bias2, Output, OutputBias];

    internal static int DistanceBucket(WordRange a, WordRange b)
    {
        var gap = Math.Max(0, b.Start - a.End - 1);
        return gap switch
        {
            0 => 0,
            1 => 1,
            2 => 2,
            3 => 3,
            <= 5 => 4,
            <= 8 => 5,
            <= 14 => 6,
            _ => 7,
        };
    }

    /// <summary>Pairs (a, b) of entity indexes with a before b in text order.</summary>
    internal static List<(int A, int B)> Pairs(IReadOnlyList<TypedSpan> entities)
    {
        var pairs = new List<(int, int)>();
        for (var i = 0; i < entities.Count; i++)
        {
            for (var j = 0; j < entities.Count; j++)
            {
                if (i != j && Before(entities[i].Range, entities[j].Range))
                {
                    pairs.Add((i, j));
                }
            }
        }

        return pairs;
    }

    private static bool Before(WordRange x, WordRange y) => x.Start < y.Start || (x.Start == y.Start && x.End < y.End);

    /// <summary>Entity and between-words projections of a batch of sentences.</summary>
    internal sealed class Projections
    {
        internal Projections(RelationModel model, IReadOnlyList<WordFeatures> sentences, IReadOnlyList<IReadOnlyList<TypedSpan>> entities)
        {
            var d = model.Dimensions;
            var h = model.Hidden;
            EntityOffsets = new int[sentences.Count + 1];
            PairOffsets = new int[sentences.Count + 1];
            SentencePairs = new List<(int A, int B)>[sentences.Count];
            for (var i = 0; i < sentences.Count; i++)
            {
                EntityOffsets[i + 1] = EntityOffsets[i] + entities[i].Count;
                SentencePairs[i] = Pairs(entities[i]);
                PairOffsets[i + 1] = PairOffsets[i] + SentencePairs[i].Count;
            }

            EntityX = new float[EntityOffsets[^1] * 3 * d];
            BetweenX = new float[PairOffsets[^1] * d];
            HasBetween = new bool[PairOffsets[^1]];
            for (var i = 0; i < sentences.Count; i++)
            {
                var f = sentences[i];
                for (var k = 0; k < entities[i].Count; k++)
                {
                    var range = entities[i][k].Range;
                    var row = EntityX.AsSpan((EntityOffsets[i] + k) * 3 * d, 3 * d);
                    f.First.AsSpan(range.Start * d, d).CopyTo(row);
                    f.Last.AsSpan(range.End * d, d).CopyTo(row[d..]);
                    MeanOf(f, range.Start, range.End, row[(2 * d)..]);
                }

                for (var p = 0; p < SentencePairs[i].Count; p++)
                {
                    var (a, b) = SentencePairs[i][p];
                    var from = entities[i][a].Range.End + 1;
                    var to = entities[i][b].Range.Start - 1;
                    if (to >= from)
                    {
                        HasBetween[PairOffsets[i] + p] = true;
                        MeanOf(f, from, to, BetweenX.AsSpan((PairOffsets[i] + p) * d, d));
                    }
                }
            }

            var ne = EntityOffsets[^1];
            var np = PairOffsets[^1];
            QA = new float[ne * h];
            QB = new float[ne * h];
            QBetween = new float[np * h];
            Linalg.MatMulTransposed(EntityX, ne, 3 * d, model.EntityA.Value, h, QA);
            Linalg.MatMulTransposed(EntityX, ne, 3 * d, model.EntityB.Value, h, QB);
            Linalg.MatMulTransposed(BetweenX, np, d, model.Between.Value, h, QBetween);
        }

        internal int[] EntityOffsets { get; }

        internal int[] PairOffsets { get; }

        internal List<(int A, int B)>[] SentencePairs { get; }

        internal float[] EntityX { get; }

        internal float[] BetweenX { get; }

        internal bool[] HasBetween { get; }

        internal float[] QA { get; }

        internal float[] QB { get; }

        internal float[] QBetween { get; }

        private static void MeanOf(WordFeatures f, int from, int to, Span<float> destination)
        {
            var d = f.Dimensions;
            destination.Clear();
            for (var t = from; t <= to; t++)
            {
                TensorPrimitives.Add(destination, f.Mean.AsSpan(t * d, d), destination);
            }

            TensorPrimitives.Multiply(destination, 1f / (to - from + 1), destination);
        }
    }

    /// <summary>First hidden layer's pre-activation of pair <paramref name="pair"/> of sentence <paramref name="sentence"/>.</summary>
    internal void PreActivation(Projections p, int sentence, IReadOnlyList<TypedSpan> entities, int pair, Span<float> pre)
    {
        var h = Hidden;
        var (a, b) = p.SentencePairs[sentence][pair];
        var global = p.PairOffsets[sentence] + pair;
        Bias1.Value.AsSpan().CopyTo(pre);
        TensorPrimitives.Add(pre, p.QA.AsSpan((p.EntityOffsets[sentence] + a) * h, h), pre);
        TensorPrimitives.Add(pre, p.QB.AsSpan((p.EntityOffsets[sentence] + b) * h, h), pre);
        TensorPrimitives.Add(pre, p.HasBetween[global] ? p.QBetween.AsSpan(global * h, h) : NothingBetween.Row(0), pre);
        TensorPrimitives.Add(pre, TypeA.Row(entities[a].Type), pre);
        TensorPrimitives.Add(pre, TypeB.Row(entities[b].Type), pre);
        TensorPrimitives.Add(pre, Distance.Row(DistanceBucket(entities[a].Range, entities[b].Range)), pre);
    }

    /// <summary>Second hidden layer and logits from the first layer's activation.</summary>
    internal void Head(ReadOnlySpan<float> z1, Span<float> z2, Span<float> logits)
    {
        for (var j = 0; j < Hidden; j++)
        {
            z2[j] = Math.Max(0f, TensorPrimitives.Dot(z1, Hidden2.Row(j)) + Bias2.Value[j]);
        }

        for (var c = 0; c < Classes; c++)
        {
            logits[c] = TensorPrimitives.Dot(z2, Output.Row(c)) + OutputBias.Value[c];
        }
    }

    /// <summary>Class probabilities of every pair of one sentence (rows of <see cref="Classes"/>).</summary>
    internal float[] Predict(Projections p, int sentence, IReadOnlyList<TypedSpan> entities)
    {
        var pairs = p.SentencePairs[sentence];
        var probabilities = new float[pairs.Count * Classes];
        var pre = new float[Hidden];
        var z2 = new float[Hidden];
        var logits = new float[Classes];
        for (var k = 0; k < pairs.Count; k++)
        {
            PreActivation(p, sentence, entities, k, pre);
            TensorPrimitives.Max(pre, 0f, pre);
            Head(pre, z2, logits);
            Linalg.Softmax(logits, probabilities.AsSpan(k * Classes, Classes));
        }

        return probabilities;
    }
}
