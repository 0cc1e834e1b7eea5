using System.Text.Json.Serialization;
using GraphFusion.Core.Graph;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>One document's claims on one key, in the key's partition of the claims container (partition key /key).</summary>
public sealed record ClaimItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Claim;

    [JsonPropertyName("documentId")]
    public required string DocumentId { get; init; }

    [JsonPropertyName("claims")]
    public required KeyClaims Claims { get; init; }

    public static ClaimItem From(KeyClaims claims) => new()
    {
        Id = CosmosIds.Claim(claims.DocumentId),
        Key = claims.Key,
        DocumentId = claims.DocumentId,
        Claims = claims,
    };
}
