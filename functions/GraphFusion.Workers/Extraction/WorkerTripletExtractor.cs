using GraphFusion.Core.Extraction;

namespace GraphFusion.Workers.Extraction;

/// <summary>
/// The trained extractor run by the GPU worker. <see cref="Name"/> is the model's own name, so results are cached under
/// the same key as in-process extraction; an answer from a worker serving another model version is refused. Chunks are
/// sent in requests of at most <see cref="WorkerExtractionLimits.MaxChunksPerRequest"/> chunks and
/// <see cref="WorkerExtractionLimits.MaxCharsPerRequest"/> characters.
/// </summary>
public sealed class WorkerTripletExtractor(WorkerExtractionClient client, string name, WorkerExtractionLimits? limits = null) : ITripletExtractor
{
    private readonly WorkerExtractionLimits _limits = limits ?? new WorkerExtractionLimits();

    /// <inheritdoc />
    public string Name { get; } = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("The extractor name is required.", nameof(name)) : name;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChunkExtraction>> ExtractAsync(IReadOnlyList<ChunkInput> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var results = new List<ChunkExtraction>(chunks.Count);
        foreach (var part in _limits.Split(chunks))
        {
            var response = await client.ExtractAsync(part, cancellationToken);
            if (!string.Equals(response.Extractor, Name, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The GPU worker serves extractor '{response.Extractor}', not '{Name}'; deploy the same model version on both sides.");
            }

            if (response.Results.Count != part.Count)
            {
                throw new InvalidDataException($"The GPU worker answered {response.Results.Count} results for {part.Count} chunks.");
            }

            for (var i = 0; i < part.Count; i++)
            {
                results.Add(ExtractMapping.FromWire(response.Results[i] with { Id = part[i].ChunkId }, Name));
            }
        }

        return results;
    }
}
