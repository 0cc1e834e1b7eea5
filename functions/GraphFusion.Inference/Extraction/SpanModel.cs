using System.Numerics.Tensors;

namespace GraphFusion.Inference.Extraction;

/// <summary>A candidate span of words (inclusive word offsets within one sentence).</summary>
internal readonly record struct WordRange(int Start, int End)
{
    internal int Width => End - Start + 1;
}

/// <summary>
/// Span classifier: every span of at most <see cref="MaxWidth"/> words is scored from its first word's
/// first piece, its last word's last piece, the mean of its words, the words just outside it and a
/// width embedding, through one hidden layer, into "no entity" or an entity type. The input layer is
/// linear in the word vectors, so it is computed once per word and summed per span.
/// </summary>
internal sealed class SpanModel
{
    internal const int MaxWidth = 8;

    internal SpanModel(int dimensions, int hidden, int classes)
    {
        Dimensions = dimensions;
        Hidden = hidden;
        Classes = classes;
        First = new Param("span.first", hidden, dimensions);
        Last = new Param("span.last", hidden, dimensions);
        Context = new Param("span.context", 3 * hidden, dimensions); // mean, word before, word after
        Width = new Param("span.width", MaxWidth, hidden);
        Outside = new Param("span.outside", 2, hidden); // no word before / after
        Bias = new Param("span.bias", 1, hidden);
        Output = new Param("span.output", classes, hidden);
        OutputBias = new Param("span.outputBias", 1, classes);
    }

    internal int Dimensions { get; }

    internal int Hidden { get; }

    /// <summary>Class 0 is "no entity"; class k is entity type k - 1.</summary>
    internal int Classes { get; }

    internal Param First { get; }

    internal Param Last { get; }

    internal Param Context { get; }

    internal Param Width { get; }

    internal Param Outside { get; }

    internal Param Bias { get; }

    internal Param Output { get; }

    internal Param OutputBias { get; }

    internal IEnumerable<Param> Parameters => [First, Last, Context, Width, Outside, Bias, Output, OutputBias];

    internal static List<WordRange> Candidates(int words)
    {
        var spans = new List<WordRange>(words * MaxWidth);
        for (var s = 0; s < words; s++)
        {
            for (var e = s; e < Math.Min(words, s + MaxWidth); e++)
            {
                spans.Add(new WordRange(s, e));
            }
        }

        return spans;
    }

    /// <summary>Per-word projections of a batch of sentences' words (concatenated).</summary>
    internal sealed class Projections
    {
        internal Projections(SpanModel model, IReadOnlyList<WordFeatures> sentences)
        {
            Offsets = new int[sentences.Count + 1];
            for (var i = 0; i < sentences.Count; i++)
            {
                Offsets[i + 1] = Offsets[i] + sentences[i].Count;
            }

            var n = Offsets[^1];
            var d = model.Dimensions;
            FirstX = new float[n * d];
            LastX = new float[n * d];
            MeanX = new float[n * d];
            for (var i = 0; i < sentences.Count; i++)
            {
                sentences[i].First.CopyTo(FirstX, Offsets[i] * d);
                sentences[i].Last.CopyTo(LastX, Offsets[i] * d);
                sentences[i].Mean.CopyTo(MeanX, Offsets[i] * d);
            }

            var h = model.Hidden;
            PFirst = new float[n * h];
            PLast = new float[n * h];
            PContext = new float[n * 3 * h];
            Linalg.MatMulTransposed(FirstX, n, d, model.First.Value, h, PFirst);
            Linalg.MatMulTransposed(LastX, n, d, model.Last.Value, h, PLast);
            Linalg.MatMulTransposed(MeanX, n, d, model.Context.Value, 3 * h, PContext);
        }

        internal int[] Offsets { get; }

        internal float[] FirstX { get; }

        internal float[] LastX { get; }

        internal float[] MeanX { get; }

        internal float[] PFirst { get; }

        internal float[] PLast { get; }

        internal float[] PContext { get; }
    }

    /// <summary>The hidden layer's pre-activation of one span of sentence <paramref name="sentence"/>.</summary>
    internal void PreActivation(Projections p, int sentence, int words, WordRange span, Span<float> pre)
    {
        var h = Hidden;
        var o = p.Offsets[sentence];
        Bias.Value.AsSpan().CopyTo(pre);
        TensorPrimitives.Add(pre, p.PFirst.AsSpan((o + span.Start) * h, h), pre);
        TensorPrimitives.Add(pre, p.PLast.AsSpan((o + span.End) * h, h), pre);
        TensorPrimitives.Add(pre, Width.Row(span.Width - 1), pre);
        var scale = 1f / span.Width;
        for (var t = span.Start; t <= span.End; t++)
        {
            TensorPrimitives.MultiplyAdd(p.PContext.AsSpan((o + t) * 3 * h, h), scale, pre, pre);
        }

        TensorPrimitives.Add(pre, span.Start > 0 ? p.PContext.AsSpan((((o + span.Start - 1) * 3) + 1) * h, h) : Outside.Row(0), pre);
        TensorPrimitives.Add(pre, span.End < words - 1 ? p.PContext.AsSpan((((o + span.End + 1) * 3) + 2) * h, h) : Outside.Row(1), pre);
    }

    /// <summary>Class probabilities of every candidate span of one sentence (rows of <see cref="Classes"/>).</summary>
    internal float[] Predict(Projections p, int sentence, int words, IReadOnlyList<WordRange> spans)
    {
        var probabilities = new float[spans.Count * Classes];
        var pre = new float[Hidden];
        var logits = new float[Classes];
        for (var k = 0; k < spans.Count; k++)
        {
            PreActivation(p, sentence, words, spans[k], pre);
            TensorPrimitives.Max(pre, 0f, pre);
            Logits(pre, logits);
            Linalg.Softmax(logits, probabilities.AsSpan(k * Classes, Classes));
        }

        return probabilities;
    }

    internal void Logits(ReadOnlySpan<float> hidden, Span<float> logits)
    {
        for (var c = 0; c < Classes; c++)
        {
            logits[c] = TensorPrimitives.Dot(hidden, Output.Row(c)) + OutputBias.Value[c];
        }
    }
}
