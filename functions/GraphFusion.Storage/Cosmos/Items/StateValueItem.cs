using System.Text.Json.Serialization;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>A small named value (chunk text, cached result) in the state container (partition key /id).</summary>
public sealed record StateValueItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Value;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    public static StateValueItem For(string name, string value) => new() { Id = CosmosIds.StateValue(name), Name = name, Value = value };
}
