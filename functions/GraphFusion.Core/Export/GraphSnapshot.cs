using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Export;

/// <summary>The whole graph (or a subgraph) in memory, as exporters take it. Document names resolve evidence document ids.</summary>
public sealed record GraphSnapshot(IReadOnlyList<Entity> Entities, IReadOnlyList<Relation> Relations, IReadOnlyDictionary<string, string> DocumentNames)
{
    public static async Task<GraphSnapshot> LoadAsync(IGraphStore store, CancellationToken cancellationToken)
    {
        var (entities, relations) = await store.ReadAllAsync(cancellationToken);
        var documents = (await store.ListDocumentsAsync(cancellationToken)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return new GraphSnapshot(entities, relations, documents);
    }
}
