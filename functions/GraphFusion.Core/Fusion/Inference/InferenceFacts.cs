using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Fusion.Inference;

/// <summary>
/// What inference reads of the graph, in batches and read once: the stated facts leaving entities and the entities it names.
/// A fusion round passes the facts and entities it is about to write, which take the place of the stored ones.
/// </summary>
public sealed class InferenceFacts(
    IGraphReader graph,
    IReadOnlyDictionary<string, IReadOnlyList<Relation>>? pendingStated = null,
    IReadOnlyDictionary<string, Entity>? pendingEntities = null)
{
    private readonly Dictionary<string, IReadOnlyList<Relation>> stated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entity?> entities = new(StringComparer.Ordinal);

    /// <summary>The stated (not inferred) relations leaving each id, by id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Relation>>> GetStatedFromAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => pendingStated?.ContainsKey(id) != true && !stated.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var byHead = (await graph.GetRelationsFromManyAsync(missing, cancellationToken)).Where(r => !r.Inferred).ToLookup(r => r.HeadId, StringComparer.Ordinal);
            foreach (var id in missing)
            {
                stated[id] = byHead[id].OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
            }
        }

        var result = new Dictionary<string, IReadOnlyList<Relation>>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            result[id] = pendingStated?.GetValueOrDefault(id) ?? stated[id];
        }

        return result;
    }

    /// <summary>The entities of these ids that exist, by id.</summary>
    public async Task<IReadOnlyDictionary<string, Entity>> GetEntitiesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var missing = ids.Where(id => pendingEntities?.ContainsKey(id) != true && !entities.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var found = (await graph.GetEntitiesAsync(missing, cancellationToken)).ToDictionary(e => e.Id, StringComparer.Ordinal);
            foreach (var id in missing)
            {
                entities[id] = found.GetValueOrDefault(id);
            }
        }

        var result = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if ((pendingEntities?.GetValueOrDefault(id) ?? entities[id]) is { } entity)
            {
                result[id] = entity;
            }
        }

        return result;
    }
}
