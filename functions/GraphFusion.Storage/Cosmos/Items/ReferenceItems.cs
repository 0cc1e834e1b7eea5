using System.Text.Json.Serialization;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>A reference record in the state container (partition key /id).</summary>
public sealed record ReferenceItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Reference;

    [JsonPropertyName("referenceId")]
    public required string ReferenceId { get; init; }

    [JsonPropertyName("reference")]
    public required ReferenceRecord Reference { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    public static ReferenceItem From(ReferenceRecord record) => new()
    {
        Id = CosmosIds.Reference(record.Id),
        ReferenceId = record.Id,
        Reference = record with { ETag = null },
    };

    public ReferenceRecord ToRecord() => Reference with { ETag = ETag };
}

/// <summary>The header of one version's entities: how many pages hold them. Written after the pages, so a set with a header is complete.</summary>
public sealed record ReferenceSetItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.ReferenceSet;

    [JsonPropertyName("pages")]
    public int Pages { get; init; }

    [JsonPropertyName("entities")]
    public int Entities { get; init; }
}

/// <summary>A page of one version's entities, sized to stay well under the item size limit.</summary>
public sealed record ReferencePageItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.ReferencePage;

    [JsonPropertyName("entities")]
    public required IReadOnlyList<IndexedReferenceEntity> Entities { get; init; }
}
