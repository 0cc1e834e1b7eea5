using System.Text.Json.Serialization;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>Which entity a key belongs to: the item "owner" in the key's partition of the claims container.</summary>
public sealed record OwnerItem
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = CosmosIds.Owner;

    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Owner;

    [JsonPropertyName("entityId")]
    public required string EntityId { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
