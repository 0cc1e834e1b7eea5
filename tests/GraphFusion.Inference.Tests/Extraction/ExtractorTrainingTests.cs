using GraphFusion.Inference.Extraction;
using GraphFusion.Inference.Training;
using GraphFusion.Testing;

namespace GraphFusion.Inference.Tests.Extraction;

public sealed class ExtractorTrainingTests
{
    [DatasetFact("scierc/train.json")]
    public void A_short_run_on_a_slice_beats_a_dictionary_baseline_on_held_sentences()
    {
        var all = SciErcReader.Read(RepoPaths.Dataset("scierc/train.json"));
        var train = all.Take(400).ToArray();
        var dev = all.Skip(400).Take(100).ToArray();
        var held = all.Skip(500).Take(150).ToArray();
        var options = new ExtractorTrainingOptions { SpanEpochs = 3, RelationEpochs = 3, SpanHidden = 128, RelationHidden = 64 };
        using var encoder = ExtractorTrainer.CreateEncoder(options.Layer);
        var featurizer = new SentenceFeaturizer(encoder, options.Layer);
        WordFeatures[] Features(IReadOnlyList<SciErcSentence> s) => ExtractorTrainer.Featurize(featurizer, null, s, options, CancellationToken.None);

        var (model, _) = ExtractorTrainer.TrainModel(train, Features(train), dev, Features(dev), options, CancellationToken.None);
        var scores = ExtractorTrainer.Evaluate(model, held, Features(held));

        // Baseline: tag every word sequence seen as an entity in the training slice with its most frequent type.
        var dictionary = train.SelectMany(s => s.Labels.Entities.Select(e => (Key: string.Join(' ', s.Words.Skip(e.Start).Take(e.End - e.Start + 1)), e.Type)))
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.GroupBy(x => x.Type).MaxBy(t => t.Count())!.Key);
        var baseline = new ExtractionEvaluator();
        foreach (var sentence in held)
        {
            var found = new List<EntityLabel>();
            for (var s = 0; s < sentence.Words.Count; s++)
            {
                for (var e = Math.Min(sentence.Words.Count - 1, s + 7); e >= s; e--)
                {
                    if (dictionary.TryGetValue(string.Join(' ', sentence.Words.Skip(s).Take(e - s + 1)), out var type))
                    {
                        found.Add(new EntityLabel(s, e, type));
                        s = e;
                        break;
                    }
                }
            }

            baseline.Add(sentence.Labels, new SentenceLabels(found, []));
        }

        var baselineF1 = baseline.Result().Entity.F1;
        Assert.True(scores.Entity.F1 > baselineF1 + 0.05, $"entity F1 {scores.Entity.F1:F3} vs dictionary baseline {baselineF1:F3}");
        Assert.True(scores.Relation.F1 > 0.02, $"relation F1 {scores.Relation.F1:F3}");
    }

    [Fact]
    public void SciErc_labels_map_onto_the_pipeline_schema()
    {
        foreach (var relation in SciErcSchema.RelationTypes)
        {
            Assert.NotNull(GraphFusion.Core.Graph.RelationSchema.Graphusion.Canonical(SciErcSchema.ToPipelineRelation(relation)));
        }

        Assert.Equal("Part-of", SciErcSchema.ToPipelineRelation("FEATURE-OF"));
        Assert.Null(SciErcSchema.ToPipelineEntityType("Generic"));
        Assert.Equal("Concept", SciErcSchema.ToPipelineEntityType("OtherScientificTerm"));
    }
}
