using System.Numerics.Tensors;

namespace GraphFusion.Core.Fusion.LinkPrediction;

/// <summary>
/// ComplEx knowledge-graph embeddings (Trouillon et al., 2016): score(h, r, t) = Re(sum h * r * conj(t)), which can model
/// asymmetric relation types. Each vector is stored as its real parts followed by its imaginary parts.
/// Trained by Adagrad on the logistic loss with corrupted triplets as negatives; single-threaded, so a seed fixes the result.
/// </summary>
internal sealed class ComplExModel
{
    private readonly int dimensions;
    private readonly float[] entities;
    private readonly float[] relations;

    private ComplExModel(int entityCount, int relationCount, int dimensions, Random random)
    {
        this.dimensions = dimensions;
        entities = Initial(entityCount * 2 * dimensions, dimensions, random);
        relations = Initial(relationCount * 2 * dimensions, dimensions, random);
    }

    public int Width => 2 * dimensions;

    public static ComplExModel Train(int entityCount, int relationCount, IReadOnlyList<Triple> triples, CorruptionSampler sampler, LinkPredictionOptions options)
    {
        var random = new Random(options.Seed);
        var model = new ComplExModel(entityCount, relationCount, options.Dimensions, random);
        var trainer = new Trainer(model, options);
        var known = triples.ToHashSet();
        var order = Enumerable.Range(0, triples.Count).ToArray();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var positive = triples[i];
                trainer.Step(positive, 1);
                for (var k = 0; k < options.TrainingNegatives; k++)
                {
                    if (sampler.Corrupt(positive, random) is { } negative && !known.Contains(negative))
                    {
                        trainer.Step(negative, -1);
                    }
                }
            }
        }

        return model;
    }

    public static double Probability(double score) => 1 / (1 + Math.Exp(-score));

    public double Score(int head, int relation, int tail)
    {
        Span<float> query = stackalloc float[Width];
        TailQuery(head, relation, query);
        return TensorPrimitives.Dot<float>(query, Entity(tail));
    }

    /// <summary>The vector whose dot product with a tail's embedding is the score of (head, relation, tail).</summary>
    public void TailQuery(int head, int relation, Span<float> query)
    {
        var h = Entity(head);
        var r = Relation(relation);
        var d = dimensions;
        for (var k = 0; k < d; k++)
        {
            float a = h[k], b = h[d + k], c = r[k], i = r[d + k];
            query[k] = (c * a) - (i * b);
            query[d + k] = (c * b) + (i * a);
        }
    }

    public ReadOnlySpan<float> Entity(int index) => entities.AsSpan(index * Width, Width);

    private ReadOnlySpan<float> Relation(int index) => relations.AsSpan(index * Width, Width);

    private static float[] Initial(int length, int dimensions, Random random)
    {
        var values = new float[length];
        var scale = 1 / MathF.Sqrt(dimensions);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }

    /// <summary>Adagrad over the model's vectors: one accumulator per parameter.</summary>
    private sealed class Trainer(ComplExModel model, LinkPredictionOptions options)
    {
        private readonly float[] entitySquares = new float[model.entities.Length];
        private readonly float[] relationSquares = new float[model.relations.Length];
        private readonly float[] gradHead = new float[model.Width];
        private readonly float[] gradTail = new float[model.Width];
        private readonly float[] gradRelation = new float[model.Width];

        public void Step(Triple triple, int label)
        {
            var d = model.dimensions;
            var width = model.Width;
            var h = model.entities.AsSpan(triple.Head * width, width);
            var t = model.entities.AsSpan(triple.Tail * width, width);
            var r = model.relations.AsSpan(triple.Relation * width, width);
            var score = model.Score(triple.Head, triple.Relation, triple.Tail);

            // d loss / d score for the logistic loss log(1 + exp(-label * score)).
            var g = (float)(-label * Probability(-label * score));
            for (var k = 0; k < d; k++)
            {
                float ah = h[k], bh = h[d + k], at = t[k], bt = t[d + k], c = r[k], i = r[d + k];
                gradHead[k] = g * ((c * at) + (i * bt));
                gradHead[d + k] = g * ((c * bt) - (i * at));
                gradTail[k] = g * ((c * ah) - (i * bh));
                gradTail[d + k] = g * ((c * bh) + (i * ah));
                gradRelation[k] = g * ((ah * at) + (bh * bt));
                gradRelation[d + k] = g * ((ah * bt) - (bh * at));
            }

            Apply(h, entitySquares.AsSpan(triple.Head * width, width), gradHead);
            Apply(t, entitySquares.AsSpan(triple.Tail * width, width), gradTail);
            Apply(r, relationSquares.AsSpan(triple.Relation * width, width), gradRelation);
        }

        private void Apply(Span<float> parameters, Span<float> squares, float[] gradient)
        {
            var rate = (float)options.LearningRate;
            var penalty = (float)options.Regularization;
            for (var k = 0; k < parameters.Length; k++)
            {
                var step = gradient[k] + (penalty * parameters[k]);
                squares[k] += step * step;
                parameters[k] -= rate * step / (MathF.Sqrt(squares[k]) + 1e-8f);
            }
        }
    }
}
