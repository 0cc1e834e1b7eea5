using GraphFusion.Core.Chunking;
using GraphFusion.Core.Documents;
using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Fusion.Matching;
using GraphFusion.Core.Fusion.Proposals;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows;

/// <summary>Builds the activities from their parts; hosts supply the store, the sources and the extractor.</summary>
public static class PipelineFactory
{
    /// <summary>The fuser the pipeline uses; with <paramref name="verdicts"/>, judges' verdicts on contested pairs apply.</summary>
    public static GraphFuser CreateFuser(IGraphStore store, IRelationVerdicts? verdicts = null) =>
        new(store, new RelationResolver(RelationSchema.Graphusion), new FusionOptions(), new ClusterMerger(EntityMatcher.Default), verdicts);

    /// <summary>
    /// The ingestion activities; linking uses the references indexed in <paramref name="store"/> (see
    /// <see cref="CreateReferenceActivities"/>), a <paramref name="judge"/> settles close relation conflicts, and
    /// <paramref name="linkPrediction"/> null uses the default link prediction options (on). With an
    /// <paramref name="embedder"/>, reference linking also retrieves embedding nearest-neighbour candidates; with a
    /// <paramref name="proposer"/>, the re-fusion pass asks it for novel triplets between entities that share neighbours.
    /// </summary>
    public static PipelineActivities CreateActivities(
        IGraphStore store, IDocumentSource source, ITripletExtractor extractor, TimeProvider? clock = null, IRelationAdjudicator? judge = null,
        LinkPredictionOptions? linkPrediction = null, ITextEmbedder? embedder = null, IRelationProposer? proposer = null)
    {
        clock ??= TimeProvider.System;
        var schema = RelationSchema.Graphusion;
        var verdicts = judge is null ? null : new RelationVerdicts(store);
        var references = new StoredReferenceLinker(store, embedder: embedder);
        var fuser = CreateFuser(store, verdicts);
        return new PipelineActivities(
            new PrepareDocumentStep(source, DocumentReader.Default, Chunker.Default, store, clock),
            new ExtractChunksStep(extractor, store),
            new LinkDocumentStep(extractor, new MentionLinker(schema, store, clock), store, clock, references),
            new FuseKeysStep(fuser),
            new CompleteDocumentStep(store, clock),
            new FailDocumentStep(store, clock),
            new RetractDocumentStep(store),
            new ListTouchedKeysStep(store),
            new FindRemovedDocumentsStep(store, source),
            new PredictLinksStep(store, schema, linkPrediction ?? new LinkPredictionOptions()),
            judge is null ? null : new AdjudicateConflictsStep(store, judge, verdicts!, schema, new AdjudicationOptions(), clock),
            new RelinkDocumentsStep(store, references),
            proposer is null ? null : new ProposeRelationsStep(store, proposer, schema, new ProposalOptions()));
    }

    /// <summary>
    /// The activities that index references from <paramref name="source"/> into <paramref name="store"/> and remove them; with an
    /// <paramref name="embedder"/>, entities are stored with their embeddings.
    /// </summary>
    public static ReferenceActivities CreateReferenceActivities(IGraphStore store, IReferenceSource source, TimeProvider? clock = null, ITextEmbedder? embedder = null) => new(
        new IndexReferenceStep(source, store, embedder),
        new RecordReferenceStep(store, clock ?? TimeProvider.System),
        new RemoveReferenceStep(store),
        new FindRemovedReferencesStep(store, source));
}
