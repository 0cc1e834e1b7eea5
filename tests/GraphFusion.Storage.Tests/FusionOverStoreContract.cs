using GraphFusion.Core.Fusion;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Storage.Tests;

/// <summary>The fuser over a real store: the graph follows the claims, and retracting a document leaves the graph of the rest.</summary>
internal static class FusionScenario
{
    private const string NeuralNetwork = "neural network";
    private const string ImageClassification = "image classification";
    private const string SpeechRecognition = "speech recognition";

    /// <summary>Document A: neural networks are used for image classification.</summary>
    public static IReadOnlyList<KeyClaims> DocumentA { get; } =
    [
        Samples.Claims(NeuralNetwork, "doc-a", "neural networks", Samples.RelationClaim(NeuralNetwork, RelationSchema.UsedFor, ImageClassification, "doc-a")),
        Samples.Claims(ImageClassification, "doc-a", "image classification"),
    ];

    /// <summary>Document B: neural networks are used for speech recognition.</summary>
    public static IReadOnlyList<KeyClaims> DocumentB { get; } =
    [
        Samples.Claims(NeuralNetwork, "doc-b", "Neural Network", Samples.RelationClaim(NeuralNetwork, RelationSchema.UsedFor, SpeechRecognition, "doc-b")),
        Samples.Claims(SpeechRecognition, "doc-b", "speech recognition"),
    ];

    public static GraphFuser Fuser(IGraphStore store) =>
        new(store, new RelationResolver(RelationSchema.Graphusion), new FusionOptions());

    /// <summary>Writes the claims, marks their keys touched and fuses them, as ingestion does.</summary>
    public static async Task IngestAsync(IGraphStore store, string documentId, IReadOnlyList<KeyClaims> claims, CancellationToken cancellationToken)
    {
        var keys = claims.Select(c => c.Key).ToList();
        await store.WriteClaimsAsync(documentId, claims, cancellationToken);
        await store.MarkTouchedAsync(keys, cancellationToken);
        await Fuser(store).FuseAsync(keys, cancellationToken);
    }

    /// <summary>Deletes the document's claims, marks their keys touched and fuses them.</summary>
    public static async Task RetractAsync(IGraphStore store, string documentId, IReadOnlyList<KeyClaims> claims, CancellationToken cancellationToken)
    {
        var keys = claims.Select(c => c.Key).ToList();
        await store.DeleteClaimsAsync(documentId, keys, cancellationToken);
        await store.MarkTouchedAsync(keys, cancellationToken);
        await Fuser(store).FuseAsync(keys, cancellationToken);
    }

    public static async Task<(List<Entity> Entities, List<Relation> Relations)> SnapshotAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var entities = new List<Entity>();
        await foreach (var entity in store.ListEntitiesAsync(cancellationToken))
        {
            entities.Add(entity);
        }

        var relations = new List<Relation>();
        await foreach (var relation in store.ListRelationsAsync(cancellationToken))
        {
            relations.Add(relation);
        }

        return (entities.OrderBy(e => e.Id, StringComparer.Ordinal).ToList(), relations.OrderBy(r => r.Id, StringComparer.Ordinal).ToList());
    }
}
