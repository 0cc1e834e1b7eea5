using System.Globalization;
using GraphFusion.Core.Alignment;

namespace GraphFusion.Core.References;

/// <summary>
/// Reads a reference graph from a folder in the alignment format (<c>ent_ids</c> and <c>triples</c>, see
/// <see cref="AlignmentDatasetLoader"/>). An entity's name is its URI's last segment; its description lists the
/// names of its first neighbours, which is the context the linker compares sentences with.
/// </summary>
public static class TripleReferenceReader
{
    private const int NeighboursInDescription = 12;

    public static IReadOnlyList<ReferenceEntity> Read(string folder) => [.. ReadIndexed(folder).Select(e => e.ToEntity())];

    /// <summary>As <see cref="Read"/>, with each entity's neighbour ids (both directions, first seen first).</summary>
    public static IReadOnlyList<IndexedReferenceEntity> ReadIndexed(string folder)
    {
        KnowledgeGraph graph;
        try
        {
            graph = AlignmentDatasetLoader.LoadGraph(folder, 1);
        }
        catch (FormatException ex)
        {
            throw new ReferenceFormatException(ex.Message, ex);
        }

        var source = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var names = graph.Uris.Select(EntityLabel.FromUri).ToArray();
        var entities = new List<IndexedReferenceEntity>(graph.Count);
        for (var e = 0; e < graph.Count; e++)
        {
            var neighbours = graph.Edges(e).Neighbours.ToArray().Distinct().ToList();
            var description = string.Join(", ", neighbours.Take(NeighboursInDescription).Select(n => names[n]));
            var ids = neighbours.Select(n => graph.Ids[n].ToString(CultureInfo.InvariantCulture)).ToList();
            entities.Add(new IndexedReferenceEntity(graph.Ids[e].ToString(CultureInfo.InvariantCulture), names[e], [], description, null, source, ids));
        }

        return entities;
    }
}
