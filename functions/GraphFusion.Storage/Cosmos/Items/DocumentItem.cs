using System.Text.Json.Serialization;
using GraphFusion.Core.Storage;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>A document record in the documents container (partition key /id).</summary>
public sealed record DocumentItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Document;

    [JsonPropertyName("documentId")]
    public required string DocumentId { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("status")]
    public DocumentStatus Status { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("keys")]
    public IReadOnlyList<string> Keys { get; init; } = [];

    [JsonPropertyName("chunkCount")]
    public int ChunkCount { get; init; }

    [JsonPropertyName("mentionCount")]
    public int MentionCount { get; init; }

    [JsonPropertyName("relationClaimCount")]
    public int RelationClaimCount { get; init; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static DocumentItem From(DocumentRecord record) => new()
    {
        Id = CosmosIds.Document(record.Id),
        DocumentId = record.Id,
        Name = record.Name,
        Version = record.Version,
        Status = record.Status,
        Error = record.Error,
        Keys = record.Keys,
        ChunkCount = record.ChunkCount,
        MentionCount = record.MentionCount,
        RelationClaimCount = record.RelationClaimCount,
        UpdatedAt = record.UpdatedAt,
    };

    public DocumentRecord ToRecord(string? etag = null) => new()
    {
        Id = DocumentId,
        Name = Name,
        Version = Version,
        Status = Status,
        Error = Error,
        Keys = Keys,
        ChunkCount = ChunkCount,
        MentionCount = MentionCount,
        RelationClaimCount = RelationClaimCount,
        UpdatedAt = UpdatedAt,
        ETag = etag ?? ETag,
    };
}
