using System.Text.Json.Serialization;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>A fused entity in the entities container (partition key /id), with the normalised keys used to find it.</summary>
public sealed record EntityItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Entity;

    [JsonPropertyName("entityId")]
    public required string EntityId { get; init; }

    /// <summary>The normalised key of the name.</summary>
    [JsonPropertyName("nameKey")]
    public required string NameKey { get; init; }

    /// <summary>The entity's keys plus the normalised keys of its name and aliases.</summary>
    [JsonPropertyName("searchKeys")]
    public required IReadOnlyList<string> SearchKeys { get; init; }

    [JsonPropertyName("entity")]
    public required Entity Entity { get; init; }

    public static EntityItem From(Entity entity)
    {
        var nameKey = NameNormalizer.Key(entity.Name);
        var searchKeys = entity.Keys
            .Append(nameKey)
            .Concat(entity.Aliases.Select(NameNormalizer.Key))
            .Where(k => k.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new EntityItem
        {
            Id = CosmosIds.Entity(entity.Id),
            EntityId = entity.Id,
            NameKey = nameKey,
            SearchKeys = searchKeys,
            Entity = entity,
        };
    }
}
