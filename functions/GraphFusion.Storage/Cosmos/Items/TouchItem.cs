using System.Text.Json.Serialization;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>A key whose claims changed since it was last fused, in the state container (partition key /id).</summary>
/// <remarks>The stamp is the item's ETag, which changes on every write.</remarks>
public sealed record TouchItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Touch;

    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("touchedAt")]
    public DateTimeOffset TouchedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static TouchItem For(string key, DateTimeOffset now) => new() { Id = CosmosIds.Touch(key), Key = key, TouchedAt = now };
}
