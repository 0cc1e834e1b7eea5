using System.Text.Json.Serialization;
using GraphFusion.Core.Graph;

namespace GraphFusion.Storage.Cosmos.Items;

/// <summary>A relation in the relations container, in its head entity's partition (partition key /headId).</summary>
public sealed record RelationItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = ItemTypes.Relation;

    [JsonPropertyName("headId")]
    public required string HeadId { get; init; }

    [JsonPropertyName("tailId")]
    public required string TailId { get; init; }

    [JsonPropertyName("relation")]
    public required Relation Relation { get; init; }

    public static RelationItem From(Relation relation) => new()
    {
        Id = CosmosIds.Relation(relation.Id),
        HeadId = relation.HeadId,
        TailId = relation.TailId,
        Relation = relation,
    };
}
