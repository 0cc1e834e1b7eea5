using System.Text.Json.Serialization;
using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.References;

/// <summary>
/// A reference entity as the store keeps it: the entity, the ids of its neighbours in its reference graph (empty for
/// glossaries and JSON lines), the attributes of JSON-lines records and, when indexed with an embedder, the embedding of its name and description
/// (<see cref="ReferenceEmbeddingText"/>), stored as float16.
/// </summary>
public sealed record IndexedReferenceEntity(
    string Id, string Name, IReadOnlyList<string> Aliases, string Description, string? Parent, string Source, IReadOnlyList<string> Neighbours,
    [property: JsonConverter(typeof(HalfVectorJsonConverter))] float[]? Embedding = null,
    IReadOnlyDictionary<string, string>? Attributes = null)
{
    public static IndexedReferenceEntity From(ReferenceEntity entity, IReadOnlyList<string>? neighbours = null) =>
        new(entity.Id, entity.Name, entity.Aliases, entity.Description, entity.Parent, entity.Source, neighbours ?? [], null, entity.Attributes);

    public ReferenceEntity ToEntity() => new(Id, Name, Aliases, Description, Parent, Source, Attributes);
}
