using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphFusion.Core.Export;
using GraphFusion.Core.Storage;

namespace GraphFusion.Resilience.Tests;

/// <summary>
/// What two graphs must share to be equal: entity, relation, alias and evidence counts and a hash of the JSON export
/// in canonical form (object members by name, every array in order of its items' canonical text, so ids are sorted).
/// </summary>
internal sealed record GraphFingerprint(int Entities, int Relations, int Aliases, int Evidence, string Hash)
{
    public static async Task<GraphFingerprint> OfAsync(IGraphStore store)
    {
        var graph = await GraphSnapshot.LoadAsync(store, CancellationToken.None);
        using var buffer = new MemoryStream();
        JsonGraphExporter.Write(graph, buffer);
        var canonical = Canonical(JsonNode.Parse(buffer.ToArray()));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
        var counts = await store.CountAsync(CancellationToken.None);
        return new GraphFingerprint(counts.Entities, counts.Relations, counts.Aliases, counts.Evidence, hash);
    }

    public override string ToString() => $"{Entities} entities, {Relations} relations, {Aliases} aliases, {Evidence} evidence, hash {Hash}";

    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical).Order(StringComparer.Ordinal)) + "]",
        _ => node.ToJsonString(),
    };
}
