using System.Text.Json.Serialization;

namespace GraphFusion.Workers.Extraction;

/// <summary>Body of <c>POST /v1/extract</c>: plain <see cref="Texts"/> (ids are their positions), or <see cref="Chunks"/> with ids.</summary>
public sealed class ExtractRequest
{
    [JsonPropertyName("texts")]
    public IReadOnlyList<string>? Texts { get; set; }

    [JsonPropertyName("chunks")]
    public IReadOnlyList<ExtractChunk>? Chunks { get; set; }
}

/// <summary>One chunk to extract from.</summary>
public sealed record ExtractChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text);

/// <summary>Answer of <c>POST /v1/extract</c>: one result per input, in input order.</summary>
public sealed record ExtractResponse(
    [property: JsonPropertyName("extractor")] string Extractor,
    [property: JsonPropertyName("results")] IReadOnlyList<ExtractResult> Results);

/// <summary>Entities, relations and aliases found in one input; offsets are UTF-16 positions in its text.</summary>
public sealed record ExtractResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("entities")] IReadOnlyList<ExtractEntity> Entities,
    [property: JsonPropertyName("relations")] IReadOnlyList<ExtractRelation> Relations,
    [property: JsonPropertyName("aliases")] IReadOnlyList<ExtractAlias> Aliases);

public sealed record ExtractEntity(
    [property: JsonPropertyName("surface")] string Surface,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End,
    [property: JsonPropertyName("confidence")] double Confidence);

/// <summary>A relation; <see cref="EvidenceStart"/>..<see cref="EvidenceEnd"/> is the sentence that states it.</summary>
public sealed record ExtractRelation(
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("relation")] string Relation,
    [property: JsonPropertyName("tail")] string Tail,
    [property: JsonPropertyName("evidenceStart")] int EvidenceStart,
    [property: JsonPropertyName("evidenceEnd")] int EvidenceEnd,
    [property: JsonPropertyName("confidence")] double Confidence);

/// <summary>An acronym and its expansion.</summary>
public sealed record ExtractAlias(
    [property: JsonPropertyName("short")] string Short,
    [property: JsonPropertyName("long")] string Long);

/// <summary>Answer of <c>GET /v1/extract/model</c>.</summary>
public sealed record ExtractModelInfo(
    [property: JsonPropertyName("extractor")] string Extractor,
    [property: JsonPropertyName("encoderLayer")] int EncoderLayer);
