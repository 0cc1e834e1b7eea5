using GraphFusion.Core.Chunking;
using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Linking;
using GraphFusion.Inference.Training;

namespace GraphFusion.Inference.Extraction;

/// <summary>
/// The offline extractor trained on SciERC: every span of up to eight words of each sentence is
/// classified into an entity type or none from MiniLM token states (hidden state 4), then each pair
/// of found entities of a sentence into a relation type (with direction) or none, constrained by the
/// entity types. SciERC labels are mapped to the pipeline's schema (<see cref="SciErcSchema"/>);
/// Generic mentions ("this method") are not reported. Sentences of all chunks are encoded in batches.
/// </summary>
public sealed class TrainedExtractor : ITripletExtractor, IDisposable
{
    private static readonly Lazy<(string Name, int Layer)> Shipped = new(() =>
    {
        var model = ExtractorModel.LoadEmbedded();
        return (NameOf(model.Version), model.Config.Layer);
    });

    private readonly ExtractorModel _model;
    private readonly MiniLmEncoder _encoder;
    private readonly bool _ownsEncoder;
    private readonly SentenceFeaturizer _featurizer;

    private TrainedExtractor(ExtractorModel model, MiniLmEncoder? encoder)
    {
        _model = model;
        if (encoder is not null && !encoder.AvailableLayers.Contains(model.Config.Layer))
        {
            throw new ArgumentException(
                $"The encoder does not expose hidden state {model.Config.Layer}; add it to MiniLmEncoderOptions.IntermediateLayers.", nameof(encoder));
        }

        _ownsEncoder = encoder is null;
        _encoder = encoder ?? ExtractorTrainer.CreateEncoder(model.Config.Layer);
        _featurizer = new SentenceFeaturizer(_encoder, model.Config.Layer);
    }

    /// <summary>The model shipped with this assembly. Without <paramref name="encoder"/>, a CPU encoder is created and owned.</summary>
    public static TrainedExtractor LoadShipped(MiniLmEncoder? encoder = null) => new(ExtractorModel.LoadEmbedded(), encoder);

    /// <summary>A model written by <c>graphfusion train extractor</c> (its <c>--out</c> folder).</summary>
    public static TrainedExtractor Load(string modelDirectory, MiniLmEncoder? encoder = null) => new(ExtractorModel.Load(modelDirectory), encoder);

    /// <summary>Whether this assembly ships a trained model.</summary>
    public static bool HasShippedModel => typeof(TrainedExtractor).Assembly.GetManifestResourceInfo(ExtractorModel.EmbeddedWeights) is not null;

    /// <summary>The <see cref="Name"/> of the shipped model, without creating an encoder.</summary>
    public static string ShippedName => Shipped.Value.Name;

    /// <summary>The encoder hidden state the shipped model reads (add it to <see cref="MiniLmEncoderOptions.IntermediateLayers"/>).</summary>
    public static int ShippedEncoderLayer => Shipped.Value.Layer;

    /// <inheritdoc />
    public string Name => NameOf(_model.Version);

    /// <summary>The model version hash (first 12 hex digits of the SHA-256 of weights and settings).</summary>
    public string Version => _model.Version;

    /// <summary>The model card as JSON (data, schema, dev scores, date, training time).</summary>
    public string ModelCard => _model.Card.ToJsonString(ExtractorModel.JsonOptions);

    /// <summary>The encoder hidden state the model reads.</summary>
    public int EncoderLayer => _model.Config.Layer;

    /// <summary>The MiniLM encoder the model reads, as a sentence embedder (so a host can embed with the same instance).</summary>
    public ITextEmbedder Embedder => _encoder;

    /// <inheritdoc />
    public Task<IReadOnlyList<ChunkExtraction>> ExtractAsync(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return chunks.Count == 0
            ? Task.FromResult<IReadOnlyList<ChunkExtraction>>([])
            : Task.Run(() => Extract(chunks, cancellationToken), cancellationToken);
    }

    /// <summary>Extracts mentions, triplets and acronym aliases from every chunk (synchronously).</summary>
    public IReadOnlyList<ChunkExtraction> Extract(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var windows = new List<(int Chunk, SentenceSpan Sentence, List<WordSpan> Words)>();
        for (var c = 0; c < chunks.Count; c++)
        {
            var text = chunks[c].Text;
            foreach (var sentence in SentenceSplitter.Split(text))
            {
                var words = WordTokenizer.Split(text, sentence.Start, sentence.End);
                for (var from = 0; from < words.Count; from += SentenceFeaturizer.MaxWordsPerWindow)
                {
                    windows.Add((c, sentence, words.GetRange(from, Math.Min(SentenceFeaturizer.MaxWordsPerWindow, words.Count - from))));
                }
            }
        }

        var features = _featurizer.Featurize(
            [.. windows.Select(w => (IReadOnlyList<string>)[.. w.Words.Select(x => chunks[w.Chunk].Text[x.Start..x.End])])], cancellationToken);
        var predictions = _model.Predict(features);
        var mentions = chunks.Select(_ => new List<ExtractedMention>()).ToArray();
        var triplets = chunks.Select(_ => new List<ExtractedTriplet>()).ToArray();
        for (var i = 0; i < windows.Count; i++)
        {
            var (c, sentence, words) = windows[i];
            var text = chunks[c].Text;
            var prediction = predictions[i];
            var surfaces = new string?[prediction.Entities.Count];
            for (var k = 0; k < prediction.Entities.Count; k++)
            {
                var e = prediction.Entities[k];
                var type = SciErcSchema.ToPipelineEntityType(_model.Config.EntityTypes[e.Type]);
                if (type is null)
                {
                    continue;
                }

                var start = words[e.Range.Start].Start;
                var end = words[e.Range.End].End;
                surfaces[k] = text[start..end];
                mentions[c].Add(new ExtractedMention(surfaces[k]!, type, start, end, Math.Round(e.Probability, 4)));
            }

            foreach (var r in prediction.Relations)
            {
                if (surfaces[r.Head] is { } head && surfaces[r.Tail] is { } tail
                    && !string.Equals(NameNormalizer.Key(head), NameNormalizer.Key(tail), StringComparison.Ordinal))
                {
                    var relation = SciErcSchema.ToPipelineRelation(_model.Config.RelationTypes[r.Type]);
                    triplets[c].Add(new ExtractedTriplet(head, relation, tail, sentence.Start, sentence.End, Math.Round(r.Probability, 4)));
                }
            }
        }

        var results = new ChunkExtraction[chunks.Count];
        for (var c = 0; c < chunks.Count; c++)
        {
            var aliases = AcronymDetector.Find(chunks[c].Text).Select(a => new ExtractedAlias(a.Acronym, a.Expansion)).ToList();
            results[c] = new ChunkExtraction(chunks[c].ChunkId, Name, mentions[c], triplets[c], aliases);
        }

        return results;
    }

    /// <summary>Scores this model on a SciERC file (DyGIE JSON lines): entities, relations, strict relations.</summary>
    public ExtractionScores EvaluateSciErc(string path, CancellationToken cancellationToken = default)
    {
        var sentences = SciErcReader.Read(path);
        var features = _featurizer.Featurize([.. sentences.Select(s => s.Words)], cancellationToken);
        return ExtractorTrainer.Evaluate(_model, sentences, features);
    }

    private static string NameOf(string version) => $"minilm-span-relation-{version}";

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsEncoder)
        {
            _encoder.Dispose();
        }
    }
}
