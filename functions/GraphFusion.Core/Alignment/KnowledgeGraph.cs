namespace GraphFusion.Core.Alignment;

/// <summary>
/// One side of an alignment task: entities (external id and URI) and their relation triples, with entities
/// renumbered densely 0..Count-1 and the triples held as an adjacency list (both directions).
/// </summary>
public sealed class KnowledgeGraph
{
    private readonly Dictionary<int, int> _indexOfId;
    private readonly int[] _edgeStart;
    private readonly int[] _edgeTarget;
    private readonly int[] _edgeRelation;

    /// <param name="ids">External entity ids.</param>
    /// <param name="uris">The URI (or name) of each entity, same order as <paramref name="ids"/>.</param>
    /// <param name="triples">Triples over external ids; triples naming unknown entities are dropped.</param>
    public KnowledgeGraph(IReadOnlyList<int> ids, IReadOnlyList<string> uris, IEnumerable<Triple> triples)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(uris);
        ArgumentNullException.ThrowIfNull(triples);
        if (ids.Count != uris.Count)
        {
            throw new ArgumentException("Every entity id needs a URI.", nameof(uris));
        }

        Ids = [.. ids];
        Uris = [.. uris];
        _indexOfId = new Dictionary<int, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!_indexOfId.TryAdd(ids[i], i))
            {
                throw new ArgumentException($"Entity id {ids[i]} appears twice.", nameof(ids));
            }
        }

        var kept = new List<(int Head, int Relation, int Tail)>();
        foreach (var t in triples)
        {
            if (_indexOfId.TryGetValue(t.Head, out var h) && _indexOfId.TryGetValue(t.Tail, out var tl) && h != tl)
            {
                kept.Add((h, t.Relation, tl));
            }
        }

        TripleCount = kept.Count;
        Relations = RelationStatistics.From(kept);
        (_edgeStart, _edgeTarget, _edgeRelation) = BuildAdjacency(Count, kept);
    }

    /// <summary>Number of entities.</summary>
    public int Count => Ids.Length;

    /// <summary>External id of each entity index.</summary>
    public int[] Ids { get; }

    /// <summary>URI (or name) of each entity index.</summary>
    public string[] Uris { get; }

    /// <summary>Number of triples kept (both ends known, no self loops).</summary>
    public int TripleCount { get; }

    /// <summary>Functionality of each relation, for weighting neighbours.</summary>
    public RelationStatistics Relations { get; }

    /// <summary>The dense index of an external id.</summary>
    public bool TryGetIndex(int id, out int index) => _indexOfId.TryGetValue(id, out index);

    /// <summary>Number of edges at an entity (in and out).</summary>
    public int Degree(int entity) => _edgeStart[entity + 1] - _edgeStart[entity];

    /// <summary>
    /// The edges at an entity: the other end, and the relation as <c>relation*2</c> when the entity is the head
    /// or <c>relation*2+1</c> when it is the tail (see <see cref="RelationStatistics"/>).
    /// </summary>
    public (ReadOnlyMemory<int> Neighbours, ReadOnlyMemory<int> DirectedRelations) Edges(int entity)
    {
        var start = _edgeStart[entity];
        var length = _edgeStart[entity + 1] - start;
        return (_edgeTarget.AsMemory(start, length), _edgeRelation.AsMemory(start, length));
    }

    /// <summary>A copy of this graph with other URIs (same ids, same triples).</summary>
    public KnowledgeGraph WithUris(IReadOnlyList<string> uris) => new(Ids, uris, Triples());

    /// <summary>The kept triples over external ids.</summary>
    public IEnumerable<Triple> Triples()
    {
        for (var e = 0; e < Count; e++)
        {
            var (neighbours, relations) = Edges(e);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var directed = relations.Span[i];
                if ((directed & 1) == 0)
                {
                    yield return new Triple(Ids[e], directed >> 1, Ids[neighbours.Span[i]]);
                }
            }
        }
    }

    private static (int[] Start, int[] Target, int[] Relation) BuildAdjacency(int count, List<(int Head, int Relation, int Tail)> triples)
    {
        var start = new int[count + 1];
        foreach (var (h, _, t) in triples)
        {
            start[h + 1]++;
            start[t + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        var fill = start[..count];
        var target = new int[triples.Count * 2];
        var relation = new int[triples.Count * 2];
        foreach (var (h, r, t) in triples)
        {
            target[fill[h]] = t;
            relation[fill[h]++] = r * 2;
            target[fill[t]] = h;
            relation[fill[t]++] = (r * 2) + 1;
        }

        return (start, target, relation);
    }
}

/// <summary>A relation triple over external entity ids.</summary>
public readonly record struct Triple(int Head, int Relation, int Tail);
