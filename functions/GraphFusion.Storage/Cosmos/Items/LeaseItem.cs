using System.Text.Json.Serialization;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>A named lease in the state container (partition key /id); changed only by ETag-conditional writes.</summary>
public sealed record LeaseItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Lease;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("holder")]
    public required string Holder { get; init; }

    [JsonPropertyName("expiresAt")]
    public DateTimeOffset ExpiresAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
