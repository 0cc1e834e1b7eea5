namespace GraphFusion.Core.Alignment;

/// <summary>
/// Each entity as a unit vector over its neighbours, a neighbour weighted by how well it identifies the entity
/// (<see cref="RelationStatistics"/>, summed over parallel edges). Two entities are structurally alike when the
/// current alignment maps the neighbours of one onto the neighbours of the other: the cosine of these vectors
/// once the left side's neighbours are renamed through the alignment; unaligned neighbours count in the norm only.
/// </summary>
public static class NeighbourhoodVectors
{
    /// <summary>The normalised neighbourhood vector of every entity of a graph (indexed by neighbour).</summary>
    public static SparseVector[] Build(KnowledgeGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var vectors = new SparseVector[graph.Count];
        var weights = new Dictionary<int, double>();
        for (var e = 0; e < graph.Count; e++)
        {
            weights.Clear();
            var (neighbours, relations) = graph.Edges(e);
            for (var i = 0; i < neighbours.Length; i++)
            {
                var n = neighbours.Span[i];
                weights[n] = weights.GetValueOrDefault(n) + graph.Relations.Weight(relations.Span[i]);
            }

            if (weights.Count == 0)
            {
                vectors[e] = SparseVector.Empty;
                continue;
            }

            var indices = weights.Keys.Order().ToArray();
            var values = new float[indices.Length];
            var norm = Math.Sqrt(weights.Values.Sum(w => w * w));
            for (var i = 0; i < indices.Length; i++)
            {
                values[i] = (float)(weights[indices[i]] / norm);
            }

            vectors[e] = new SparseVector(indices, values);
        }

        return vectors;
    }

    /// <summary>
    /// A left neighbourhood vector with its neighbours renamed to their right counterparts; unaligned
    /// neighbours are dropped (index order is not preserved).
    /// </summary>
    public static SparseVector MapThrough(SparseVector vector, IReadOnlyList<int> leftToRight)
    {
        ArgumentNullException.ThrowIfNull(leftToRight);
        var count = 0;
        foreach (var n in vector.Indices)
        {
            if (leftToRight[n] >= 0)
            {
                count++;
            }
        }

        var indices = new int[count];
        var values = new float[count];
        var k = 0;
        for (var i = 0; i < vector.Count; i++)
        {
            var m = leftToRight[vector.Indices[i]];
            if (m >= 0)
            {
                indices[k] = m;
                values[k++] = vector.Values[i];
            }
        }

        return new SparseVector(indices, values);
    }
}
