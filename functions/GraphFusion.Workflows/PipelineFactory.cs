using GraphFusion.Core.Chunking;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Fusion.Matching;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows;

/// <summary>Builds the activities from their parts; hosts supply the store, the document source and the extractor.</summary>
public static class PipelineFactory
{
    /// <summary><paramref name="linkPrediction"/> null uses the default options (link prediction on).</summary>
    public static PipelineActivities CreateActivities(
        IGraphStore store, IDocumentSource source, ITripletExtractor extractor, TimeProvider? clock = null, IReferenceLinker? references = null,
        LinkPredictionOptions? linkPrediction = null)
    {
        clock ??= TimeProvider.System;
        var schema = RelationSchema.Graphusion;
        var fuser = new GraphFuser(store, new RelationResolver(schema), new FusionOptions(), new ClusterMerger(EntityMatcher.Default));
        return new PipelineActivities(
            new PrepareDocumentStep(source, DocumentReader.Default, Chunker.Default, store, clock),
            new ExtractChunksStep(extractor, store),
            new LinkDocumentStep(extractor, new MentionLinker(schema, store, clock, references), store, clock),
            new FuseKeysStep(fuser),
            new CompleteDocumentStep(store, clock),
            new FailDocumentStep(store, clock),
            new RetractDocumentStep(store),
            new ListTouchedKeysStep(store),
            new FindRemovedDocumentsStep(store, source),
            new PredictLinksStep(store, schema, linkPrediction ?? new LinkPredictionOptions()));
    }
}
