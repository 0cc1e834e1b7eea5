using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GraphFusion.Inference.Extraction;

namespace GraphFusion.Inference.Training;

/// <summary>Settings of <see cref="ExtractorTrainer"/>.</summary>
public sealed record ExtractorTrainingOptions
{
    /// <summary>Seed of initialisation, shuffling and dropout.</summary>
    public int Seed { get; init; } = 13;

    /// <summary>Encoder hidden state the classifiers read (4 = output of the fourth transformer layer).</summary>
    public int Layer { get; init; } = 4;

    /// <summary>Hidden units of the span classifier.</summary>
    public int SpanHidden { get; init; } = 256;

    /// <summary>Hidden units of the relation classifier's two layers.</summary>
    public int RelationHidden { get; init; } = 150;

    /// <summary>Passes over the training sentences for the span classifier (the best on dev is kept).</summary>
    public int SpanEpochs { get; init; } = 12;

    /// <summary>Passes for the relation classifier (the best on dev is kept).</summary>
    public int RelationEpochs { get; init; } = 20;

    /// <summary>Adam learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Sentences per update.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Dropout on the hidden layers while training.</summary>
    public float Dropout { get; init; } = 0.2f;

    /// <summary>A (triple of entity types, relation) must occur this often in training to be allowed when decoding.</summary>
    public int MinTripleCount { get; init; } = 2;

    /// <summary>Folder where encoder features are kept between runs (keyed by file content and layer); null: none.</summary>
    public string? FeatureCache { get; init; }

    /// <summary>Progress messages.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>What a training run produced.</summary>
/// <param name="OutputDirectory">Where the weights and model card were written.</param>
/// <param name="Version">The model version hash.</param>
/// <param name="Dev">Scores on the development sentences with the chosen thresholds.</param>
/// <param name="Duration">Wall-clock time of the whole run.</param>
public sealed record ExtractorTrainingResult(string OutputDirectory, string Version, ExtractionScores Dev, TimeSpan Duration);

/// <summary>
/// Trains the span and relation classifiers on SciERC over frozen MiniLM features: Adam, mini-batches
/// of sentences, dropout; epochs and decoding thresholds chosen on the development split.
/// </summary>
public static class ExtractorTrainer
{
    /// <summary>Trains on <paramref name="trainPath"/>, selects on <paramref name="devPath"/>, writes the model to <paramref name="outputDirectory"/>.</summary>
    public static ExtractorTrainingResult Train(string trainPath, string devPath, string outputDirectory, ExtractorTrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var train = SciErcReader.Read(trainPath);
        var dev = SciErcReader.Read(devPath);
        using var encoder = CreateEncoder(options.Layer);
        var featurizer = new SentenceFeaturizer(encoder, options.Layer);
        var trainFeatures = Featurize(featurizer, trainPath, train, options, cancellationToken);
        var devFeatures = Featurize(featurizer, devPath, dev, options, cancellationToken);
        options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"features: {train.Count} train and {dev.Count} dev sentences in {clock.Elapsed.TotalSeconds:F0} s"));
        var (model, scores) = TrainModel(train, trainFeatures, dev, devFeatures, options, cancellationToken);
        var card = new JsonObject
        {
            ["name"] = "scierc-span-relation",
            ["description"] = "Span entity and relation classifiers over frozen all-MiniLM-L6-v2 token states, trained on SciERC.",
            ["created"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["encoder"] = $"{MiniLmEncoder.ModelName}, hidden state {options.Layer}",
            ["data"] = new JsonObject
            {
                ["train"] = Path.GetFileName(trainPath),
                ["trainSha256"] = FileHash(trainPath),
                ["trainSentences"] = train.Count,
                ["dev"] = Path.GetFileName(devPath),
                ["devSha256"] = FileHash(devPath),
                ["devSentences"] = dev.Count,
                ["source"] = "SciERC (Luan et al., 2018), DyGIE JSON lines",
            },
            ["schema"] = new JsonObject
            {
                ["entityTypes"] = new JsonArray([.. SciErcSchema.EntityTypes.Select(t => (JsonNode)t)]),
                ["relationTypes"] = new JsonArray([.. SciErcSchema.RelationTypes.Select(t => (JsonNode)t)]),
                ["pipelineRelations"] = new JsonObject(SciErcSchema.RelationTypes.Select(t => KeyValuePair.Create(t, (JsonNode?)SciErcSchema.ToPipelineRelation(t)))),
            },
            ["training"] = new JsonObject
            {
                ["seed"] = options.Seed,
                ["spanEpochs"] = options.SpanEpochs,
                ["relationEpochs"] = options.RelationEpochs,
                ["learningRate"] = options.LearningRate,
                ["batchSize"] = options.BatchSize,
                ["dropout"] = options.Dropout,
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            },
            ["dev"] = ScoresToJson(scores),
            ["parameters"] = model.Parameters.Sum(p => p.Value.Length),
        };
        model.Card = card;
        model.Save(outputDirectory);
        return new ExtractorTrainingResult(outputDirectory, model.Version, scores, clock.Elapsed);
    }

    /// <summary>Scores as the JSON written by <c>eval extraction --json</c> and the model card.</summary>
    public static JsonObject ScoresToJson(ExtractionScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        static JsonObject Prf(PrfScore s) => new()
        {
            ["precision"] = Math.Round(s.Precision, 4),
            ["recall"] = Math.Round(s.Recall, 4),
            ["f1"] = Math.Round(s.F1, 4),
            ["predicted"] = s.Predicted,
            ["gold"] = s.Gold,
            ["correct"] = s.Correct,
        };
        var entity = Prf(scores.Entity);
        entity["byType"] = new JsonObject(scores.EntityByType.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Prf(p.Value))));
        var relation = Prf(scores.Relation);
        relation["byType"] = new JsonObject(scores.RelationByType.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Prf(p.Value))));
        return new JsonObject { ["entity"] = entity, ["relation"] = relation, ["relation_strict"] = Prf(scores.RelationStrict) };
    }

    internal static MiniLmEncoder CreateEncoder(int layer)
    {
        var options = new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cpu };
        if (layer != MiniLmEncoder.LayerCount)
        {
            options.IntermediateLayers.Add(layer);
        }

        return new MiniLmEncoder(options);
    }

    /// <summary>Trains both classifiers and tunes the thresholds on <paramref name="dev"/>.</summary>
    internal static (ExtractorModel Model, ExtractionScores Dev) TrainModel(
        IReadOnlyList<SciErcSentence> train, WordFeatures[] trainFeatures,
        IReadOnlyList<SciErcSentence> dev, WordFeatures[] devFeatures,
        ExtractorTrainingOptions options, CancellationToken cancellationToken)
    {
        var config = new ExtractorConfig { Layer = options.Layer, SpanHidden = options.SpanHidden, RelationHidden = options.RelationHidden };
        var model = new ExtractorModel(config);
        var random = new Random(options.Seed);
        foreach (var p in model.Parameters)
        {
            p.InitUniform(random);
        }

        var typeIndex = config.EntityTypes.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var relationIndex = config.RelationTypes.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var allowed = AllowedTriples(train, options.MinTripleCount);
        model.SetDecoding(0.5f, 0.5f, allowed);

        var entityThreshold = TrainSpans(model, train, trainFeatures, dev, devFeatures, typeIndex, options, random, cancellationToken);

        // Relations are trained on gold entities and selected on dev with the entities the span model predicts.
        var devScores = model.ScoreSpans(devFeatures);
        var devEntities = devScores.Select(s => (IReadOnlyList<TypedSpan>)ExtractorModel.DecodeEntities(s.Spans, s.Probabilities, model.Spans.Classes, entityThreshold)
            .Select(e => new TypedSpan(e.Range, e.Type)).ToList()).ToArray();
        var relationThreshold = TrainRelations(model, train, trainFeatures, dev, devFeatures, devEntities, typeIndex, relationIndex, options, random, cancellationToken);
        model.SetDecoding(entityThreshold, relationThreshold, allowed);
        var scores = Evaluate(model, dev, devFeatures);
        options.Log?.Invoke(Describe("dev", scores));
        return (model, scores);
    }

    /// <summary>Scores the model's predictions on labelled sentences.</summary>
    internal static ExtractionScores Evaluate(ExtractorModel model, IReadOnlyList<SciErcSentence> sentences, WordFeatures[] features)
    {
        var predictions = model.Predict(features);
        var evaluator = new ExtractionEvaluator();
        for (var i = 0; i < sentences.Count; i++)
        {
            evaluator.Add(sentences[i].Labels, ToLabels(model, predictions[i]));
        }

        return evaluator.Result();
    }

    internal static SentenceLabels ToLabels(ExtractorModel model, SentencePrediction prediction)
    {
        var entities = prediction.Entities.Select(e => new EntityLabel(e.Range.Start, e.Range.End, model.Config.EntityTypes[e.Type])).ToList();
        var relations = prediction.Relations.Select(r =>
        {
            var head = prediction.Entities[r.Head].Range;
            var tail = prediction.Entities[r.Tail].Range;
            return new RelationLabel(head.Start, head.End, tail.Start, tail.End, model.Config.RelationTypes[r.Type]);
        }).ToList();
        return new SentenceLabels(entities, relations);
    }

    internal static string Describe(string name, ExtractionScores s) => string.Create(CultureInfo.InvariantCulture,
        $"{name}: entity P {s.Entity.Precision:F3} R {s.Entity.Recall:F3} F1 {s.Entity.F1:F3} | relation P {s.Relation.Precision:F3} R {s.Relation.Recall:F3} F1 {s.Relation.F1:F3} | strict F1 {s.RelationStrict.F1:F3}");

    internal static WordFeatures[] Featurize(SentenceFeaturizer featurizer, string? path, IReadOnlyList<SciErcSentence> sentences, ExtractorTrainingOptions options, CancellationToken cancellationToken)
    {
        string? cacheFile = null;
        if (options.FeatureCache is { } cache && path is not null)
        {
            Directory.CreateDirectory(cache);
            cacheFile = Path.Combine(cache, $"{FileHash(path)[..16]}-layer{featurizer.Layer}.features");
            if (File.Exists(cacheFile) && FeatureCacheFile.TryRead(cacheFile, sentences.Count) is { } cached)
            {
                return cached;
            }
        }

        var features = featurizer.Featurize([.. sentences.Select(s => s.Words)], cancellationToken);
        if (cacheFile is not null)
        {
            FeatureCacheFile.Write(cacheFile, features);
        }

        return features;
    }

    private static string[] AllowedTriples(IReadOnlyList<SciErcSentence> train, int minCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in train)
        {
            var types = sentence.Labels.Entities.GroupBy(e => (e.Start, e.End)).ToDictionary(g => g.Key, g => g.First().Type);
            foreach (var r in sentence.Labels.Relations)
            {
                if (types.TryGetValue((r.HeadStart, r.HeadEnd), out var head) && types.TryGetValue((r.TailStart, r.TailEnd), out var tail))
                {
                    var key = $"{head}|{r.Type}|{tail}";
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return [.. counts.Where(p => p.Value >= minCount).Select(p => p.Key).Order(StringComparer.Ordinal)];
    }

    // ---------------- span classifier ----------------

    private static float TrainSpans(
        ExtractorModel model, IReadOnlyList<SciErcSentence> train, WordFeatures[] trainFeatures,
        IReadOnlyList<SciErcSentence> dev, WordFeatures[] devFeatures, Dictionary<string, int> typeIndex,
        ExtractorTrainingOptions options, Random random, CancellationToken cancellationToken)
    {
        var spans = model.Spans;
        var adam = new Adam(spans.Parameters, options.LearningRate);
        var labels = train.Select(s => s.Labels.Entities
            .Where(e => e.End - e.Start < SpanModel.MaxWidth && typeIndex.ContainsKey(e.Type))
            .GroupBy(e => new WordRange(e.Start, e.End))
            .ToDictionary(g => g.Key, g => typeIndex[g.First().Type] + 1)).ToArray();
        var order = Enumerable.Range(0, train.Count).ToArray();
        var best = (F1: -1.0, Threshold: 0.5f, Epoch: 0, Snapshot: Snapshot(spans.Parameters));
        for (var epoch = 1; epoch <= options.SpanEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            double loss = 0;
            var count = 0;
            for (var from = 0; from < order.Length; from += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.Skip(from).Take(options.BatchSize).ToArray();
                (var batchLoss, var batchCount) = SpanBatch(spans, [.. batch.Select(i => trainFeatures[i])], [.. batch.Select(i => labels[i])], options.Dropout, random);
                loss += batchLoss;
                count += batchCount;
                adam.Step();
            }

            var scores = model.ScoreSpans(devFeatures);
            var (f1, threshold) = TuneEntityThreshold(model, dev, scores);
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"span epoch {epoch}: loss {loss / Math.Max(1, count):F4}, dev entity F1 {f1:F4} at threshold {threshold:F2} ({clock.Elapsed.TotalSeconds:F0} s)"));
            if (f1 > best.F1)
            {
                best = (f1, threshold, epoch, Snapshot(spans.Parameters));
            }
        }

        Restore(spans.Parameters, best.Snapshot);
        options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"span classifier: epoch {best.Epoch} kept (dev entity F1 {best.F1:F4})"));
        return best.Threshold;
    }

    private static (double F1, float Threshold) TuneEntityThreshold(ExtractorModel model, IReadOnlyList<SciErcSentence> dev, (List<WordRange> Spans, float[] Probabilities)[] scores)
    {
        var best = (F1: -1.0, Threshold: 0.5f);
        for (var t = 0.1f; t <= 0.81f; t += 0.05f)
        {
            var evaluator = new ExtractionEvaluator();
            for (var i = 0; i < dev.Count; i++)
            {
                var entities = ExtractorModel.DecodeEntities(scores[i].Spans, scores[i].Probabilities, model.Spans.Classes, t)
                    .Select(e => new EntityLabel(e.Range.Start, e.Range.End, model.Config.EntityTypes[e.Type])).ToList();
                evaluator.Add(new SentenceLabels(dev[i].Labels.Entities, []), new SentenceLabels(entities, []));
            }

            var f1 = evaluator.Result().Entity.F1;
            if (f1 > best.F1)
            {
                best = (f1, t);
            }
        }

        return best;
    }

    /// <summary>Forward and backward pass over a batch of sentences; gradients are accumulated, the mean loss returned.</summary>
    private static (double Loss, int Count) SpanBatch(SpanModel m, WordFeatures[] sentences, Dictionary<WordRange, int>[] labels, float dropout, Random random)
    {
        var p = new SpanModel.Projections(m, sentences);
        var h = m.Hidden;
        var c = m.Classes;
        var n = p.Offsets[^1];
        var dFirst = new float[n * h];
        var dLast = new float[n * h];
        var dContext = new float[n * 3 * h];
        var total = sentences.Sum(s => SpanModel.Candidates(s.Count).Count);
        var scale = 1f / Math.Max(1, total);
        var pre = new float[h];
        var z = new float[h];
        var mask = new float[h];
        var logits = new float[c];
        var probabilities = new float[c];
        var dz = new float[h];
        var keep = 1 - dropout;
        double loss = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            var words = sentences[i].Count;
            var o = p.Offsets[i];
            foreach (var span in SpanModel.Candidates(words))
            {
                m.PreActivation(p, i, words, span, pre);
                for (var j = 0; j < h; j++)
                {
                    mask[j] = pre[j] > 0 && random.NextSingle() < keep ? 1f / keep : 0f;
                    z[j] = pre[j] * mask[j];
                }

                m.Logits(z, logits);
                Linalg.Softmax(logits, probabilities);
                var gold = labels[i].GetValueOrDefault(span);
                loss -= Math.Log(Math.Max(probabilities[gold], 1e-9f));
                probabilities[gold] -= 1;
                TensorPrimitives.Multiply(probabilities, scale, probabilities);

                // Output layer.
                dz.AsSpan().Clear();
                for (var k = 0; k < c; k++)
                {
                    TensorPrimitives.MultiplyAdd(z, probabilities[k], m.Output.GradRow(k), m.Output.GradRow(k));
                    TensorPrimitives.MultiplyAdd(m.Output.Row(k), probabilities[k], dz, dz);
                    m.OutputBias.Grad[k] += probabilities[k];
                }

                TensorPrimitives.Multiply(dz, mask, dz);

                // Input layer: route the pre-activation gradient to the per-word projections.
                TensorPrimitives.Add(m.Bias.Grad, dz, m.Bias.Grad);
                TensorPrimitives.Add(m.Width.GradRow(span.Width - 1), dz, m.Width.GradRow(span.Width - 1));
                Add(dFirst.AsSpan((o + span.Start) * h, h), dz);
                Add(dLast.AsSpan((o + span.End) * h, h), dz);
                var meanScale = 1f / span.Width;
                for (var t = span.Start; t <= span.End; t++)
                {
                    var row = dContext.AsSpan((o + t) * 3 * h, h);
                    TensorPrimitives.MultiplyAdd(dz, meanScale, row, row);
                }

                Add(span.Start > 0 ? dContext.AsSpan((((o + span.Start - 1) * 3) + 1) * h, h) : m.Outside.GradRow(0), dz);
                Add(span.End < words - 1 ? dContext.AsSpan((((o + span.End + 1) * 3) + 2) * h, h) : m.Outside.GradRow(1), dz);
            }
        }

        var d = m.Dimensions;
        Linalg.AccumulateWeightGradient(dFirst, p.FirstX, n, d, m.First.Grad, h);
        Linalg.AccumulateWeightGradient(dLast, p.LastX, n, d, m.Last.Grad, h);
        Linalg.AccumulateWeightGradient(dContext, p.MeanX, n, d, m.Context.Grad, 3 * h);
        return (loss, total);
    }

    // ---------------- relation classifier ----------------

    private static float TrainRelations(
        ExtractorModel model, IReadOnlyList<SciErcSentence> train, WordFeatures[] trainFeatures,
        IReadOnlyList<SciErcSentence> dev, WordFeatures[] devFeatures, IReadOnlyList<TypedSpan>[] devEntities,
        Dictionary<string, int> typeIndex, Dictionary<string, int> relationIndex,
        ExtractorTrainingOptions options, Random random, CancellationToken cancellationToken)
    {
        var relations = model.Relations;
        var adam = new Adam(relations.Parameters, options.LearningRate);
        var entities = new IReadOnlyList<TypedSpan>[train.Count];
        var targets = new Dictionary<(int, int), int>[train.Count];
        for (var i = 0; i < train.Count; i++)
        {
            var list = train[i].Labels.Entities.Where(e => typeIndex.ContainsKey(e.Type))
                .GroupBy(e => new WordRange(e.Start, e.End)).Select(g => new TypedSpan(g.Key, typeIndex[g.First().Type])).ToList();
            entities[i] = list;
            targets[i] = [];
            var pairs = RelationModel.Pairs(list);
            for (var k = 0; k < pairs.Count; k++)
            {
                var (a, b) = pairs[k];
                foreach (var r in train[i].Labels.Relations)
                {
                    if (!relationIndex.TryGetValue(r.Type, out var type))
                    {
                        continue;
                    }

                    var head = new WordRange(r.HeadStart, r.HeadEnd);
                    var tail = new WordRange(r.TailStart, r.TailEnd);
                    if (head == list[a].Range && tail == list[b].Range)
                    {
                        targets[i].TryAdd((a, b), 1 + type);
                    }
                    else if (head == list[b].Range && tail == list[a].Range)
                    {
                        targets[i].TryAdd((a, b), 1 + relations.RelationTypes + type);
                    }
                }
            }
        }

        var order = Enumerable.Range(0, train.Count).Where(i => entities[i].Count > 1).ToArray();
        var best = (F1: -1.0, Threshold: 0.5f, Epoch: 0, Snapshot: Snapshot(relations.Parameters));
        for (var epoch = 1; epoch <= options.RelationEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            random.Shuffle(order);
            double loss = 0;
            var count = 0;
            for (var from = 0; from < order.Length; from += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.Skip(from).Take(options.BatchSize).ToArray();
                var (batchLoss, batchCount) = RelationBatch(relations, [.. batch.Select(i => trainFeatures[i])], [.. batch.Select(i => entities[i])], [.. batch.Select(i => targets[i])], options.Dropout, random);
                loss += batchLoss;
                count += batchCount;
                adam.Step();
            }

            var (f1, threshold) = TuneRelationThreshold(model, dev, devFeatures, devEntities);
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"relation epoch {epoch}: loss {loss / Math.Max(1, count):F4}, dev relation F1 {f1:F4} at threshold {threshold:F2} ({clock.Elapsed.TotalSeconds:F0} s)"));
            if (f1 > best.F1)
            {
                best = (f1, threshold, epoch, Snapshot(relations.Parameters));
            }
        }

        Restore(relations.Parameters, best.Snapshot);
        options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"relation classifier: epoch {best.Epoch} kept (dev relation F1 {best.F1:F4})"));
        return best.Threshold;
    }

    private static (double F1, float Threshold) TuneRelationThreshold(ExtractorModel model, IReadOnlyList<SciErcSentence> dev, WordFeatures[] devFeatures, IReadOnlyList<TypedSpan>[] devEntities)
    {
        var scores = model.ScorePairs(devFeatures, devEntities);
        var best = (F1: -1.0, Threshold: 0.5f);
        for (var t = 0.1f; t <= 0.81f; t += 0.05f)
        {
            var evaluator = new ExtractionEvaluator();
            for (var i = 0; i < dev.Count; i++)
            {
                var entities = devEntities[i];
                var relations = model.DecodeRelations(entities, scores[i].Pairs, scores[i].Probabilities, t)
                    .Select(r => new RelationLabel(entities[r.Head].Range.Start, entities[r.Head].Range.End, entities[r.Tail].Range.Start, entities[r.Tail].Range.End, model.Config.RelationTypes[r.Type]))
                    .ToList();
                evaluator.Add(new SentenceLabels([], dev[i].Labels.Relations), new SentenceLabels([], relations));
            }

            var f1 = evaluator.Result().Relation.F1;
            if (f1 > best.F1)
            {
                best = (f1, t);
            }
        }

        return best;
    }

    private static (double Loss, int Count) RelationBatch(
        RelationModel m, WordFeatures[] sentences, IReadOnlyList<TypedSpan>[] entities, Dictionary<(int, int), int>[] targets, float dropout, Random random)
    {
        var p = new RelationModel.Projections(m, sentences, entities);
        var h = m.Hidden;
        var c = m.Classes;
        var ne = p.EntityOffsets[^1];
        var np = p.PairOffsets[^1];
        var dA = new float[ne * h];
        var dB = new float[ne * h];
        var dBetween = new float[np * h];
        var scale = 1f / Math.Max(1, np);
        var pre = new float[h];
        var z1 = new float[h];
        var mask = new float[h];
        var pre2 = new float[h];
        var z2 = new float[h];
        var logits = new float[c];
        var probabilities = new float[c];
        var dz2 = new float[h];
        var dz1 = new float[h];
        var keep = 1 - dropout;
        double loss = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            var pairs = p.SentencePairs[i];
            for (var k = 0; k < pairs.Count; k++)
            {
                m.PreActivation(p, i, entities[i], k, pre);
                for (var j = 0; j < h; j++)
                {
                    mask[j] = pre[j] > 0 && random.NextSingle() < keep ? 1f / keep : 0f;
                    z1[j] = pre[j] * mask[j];
                }

                for (var j = 0; j < h; j++)
                {
                    pre2[j] = TensorPrimitives.Dot(z1, m.Hidden2.Row(j)) + m.Bias2.Value[j];
                    z2[j] = Math.Max(0f, pre2[j]);
                }

                for (var k2 = 0; k2 < c; k2++)
                {
                    logits[k2] = TensorPrimitives.Dot(z2, m.Output.Row(k2)) + m.OutputBias.Value[k2];
                }

                Linalg.Softmax(logits, probabilities);
                var gold = targets[i].GetValueOrDefault(pairs[k]);
                loss -= Math.Log(Math.Max(probabilities[gold], 1e-9f));
                probabilities[gold] -= 1;
                TensorPrimitives.Multiply(probabilities, scale, probabilities);

                dz2.AsSpan().Clear();
                for (var k2 = 0; k2 < c; k2++)
                {
                    TensorPrimitives.MultiplyAdd(z2, probabilities[k2], m.Output.GradRow(k2), m.Output.GradRow(k2));
                    TensorPrimitives.MultiplyAdd(m.Output.Row(k2), probabilities[k2], dz2, dz2);
                    m.OutputBias.Grad[k2] += probabilities[k2];
                }

                dz1.AsSpan().Clear();
                for (var j = 0; j < h; j++)
                {
                    var g = pre2[j] > 0 ? dz2[j] : 0f;
                    if (g == 0)
                    {
                        continue;
                    }

                    TensorPrimitives.MultiplyAdd(z1, g, m.Hidden2.GradRow(j), m.Hidden2.GradRow(j));
                    TensorPrimitives.MultiplyAdd(m.Hidden2.Row(j), g, dz1, dz1);
                    m.Bias2.Grad[j] += g;
                }

                TensorPrimitives.Multiply(dz1, mask, dz1);
                var (a, b) = pairs[k];
                var global = p.PairOffsets[i] + k;
                Add(m.Bias1.Grad, dz1);
                Add(dA.AsSpan((p.EntityOffsets[i] + a) * h, h), dz1);
                Add(dB.AsSpan((p.EntityOffsets[i] + b) * h, h), dz1);
                Add(p.HasBetween[global] ? dBetween.AsSpan(global * h, h) : m.NothingBetween.GradRow(0), dz1);
                Add(m.TypeA.GradRow(entities[i][a].Type), dz1);
                Add(m.TypeB.GradRow(entities[i][b].Type), dz1);
                Add(m.Distance.GradRow(RelationModel.DistanceBucket(entities[i][a].Range, entities[i][b].Range)), dz1);
            }
        }

        var d = m.Dimensions;
        Linalg.AccumulateWeightGradient(dA, p.EntityX, ne, 3 * d, m.EntityA.Grad, h);
        Linalg.AccumulateWeightGradient(dB, p.EntityX, ne, 3 * d, m.EntityB.Grad, h);
        Linalg.AccumulateWeightGradient(dBetween, p.BetweenX, np, d, m.Between.Grad, h);
        return (loss, np);
    }

    // ---------------- helpers ----------------

    private static void Add(Span<float> destination, ReadOnlySpan<float> values) => TensorPrimitives.Add(destination, values, destination);

    private static float[][] Snapshot(IEnumerable<Param> parameters) => [.. parameters.Select(p => (float[])p.Value.Clone())];

    private static void Restore(IEnumerable<Param> parameters, float[][] snapshot)
    {
        var i = 0;
        foreach (var p in parameters)
        {
            snapshot[i++].CopyTo(p.Value, 0);
        }
    }

    private static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>Word features kept on disk between training runs (float32, so a cached run equals an uncached one).</summary>
internal static class FeatureCacheFile
{
    private const int Magic = 0x32464647; // "GFF2"

    internal static void Write(string path, WordFeatures[] features)
    {
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(features.Length);
            foreach (var f in features)
            {
                writer.Write(f.Count);
                writer.Write(f.Dimensions);
                foreach (var array in new[] { f.First, f.Last, f.Mean })
                {
                    foreach (var v in array)
                    {
                        writer.Write(v);
                    }
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    internal static WordFeatures[]? TryRead(string path, int expected)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != expected)
        {
            return null;
        }

        var result = new WordFeatures[expected];
        for (var i = 0; i < expected; i++)
        {
            var n = reader.ReadInt32();
            var d = reader.ReadInt32();
            var arrays = new float[3][];
            for (var a = 0; a < 3; a++)
            {
                arrays[a] = new float[n * d];
                for (var k = 0; k < arrays[a].Length; k++)
                {
                    arrays[a][k] = reader.ReadSingle();
                }
            }

            result[i] = new WordFeatures(n, d, arrays[0], arrays[1], arrays[2]);
        }

        return result;
    }
}
