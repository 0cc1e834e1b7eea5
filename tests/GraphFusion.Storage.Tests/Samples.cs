using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Storage.Tests;

/// <summary>Small records for the store tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static DocumentRecord Document(string id, string name = "paper.pdf") => new()
    {
        Id = id,
        Name = name,
        Version = "v1",
        Status = DocumentStatus.Ingested,
        Keys = ["neural network", "lstm"],
        ChunkCount = 3,
        MentionCount = 7,
        RelationClaimCount = 2,
        UpdatedAt = Now,
    };

    public static KeyClaims Claims(string key, string documentId, string surface = "", params RelationClaim[] relations) => new()
    {
        Key = key,
        DocumentId = documentId,
        DocumentVersion = "v1",
        ObservedAt = Now,
        Mentions = [new MentionClaim(surface.Length > 0 ? surface : key, "Method", "chunk-1", 0, key.Length, 0.9, "test")],
        Relations = relations,
        AliasKeys = [],
    };

    public static RelationClaim RelationClaim(string headKey, string type, string tailKey, string documentId) =>
        new(headKey, type, tailKey, headKey, tailKey, $"{documentId}-chunk", 0, 40, $"{headKey} is {type} {tailKey}", 0.8, "test");

    public static Entity Entity(string id, string name, IReadOnlyList<string> keys, IReadOnlyList<string>? aliases = null, int mentions = 1) => new()
    {
        Id = id,
        Name = name,
        Type = "Method",
        Aliases = aliases ?? [],
        Description = "a " + name,
        Keys = keys,
        MentionCount = mentions,
        DocumentCount = 1,
    };

    public static Relation Relation(string headId, string tailId, string type = RelationSchema.UsedFor, int evidence = 1) => new()
    {
        Id = StableId.Of("r-", headId, tailId),
        HeadId = headId,
        Type = type,
        TailId = tailId,
        Confidence = 0.75,
        Evidence = Enumerable.Range(0, evidence)
            .Select(i => new Evidence("doc-" + i, "chunk-" + i, i, i + 10, "snippet " + i, type, 0.75, "test"))
            .ToList(),
    };
}
