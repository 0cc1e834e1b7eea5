using GraphFusion.Core.Extraction;

namespace GraphFusion.Workers.Extraction;

/// <summary>How the client splits chunks into requests; keep within the worker's <c>Limits</c> settings.</summary>
public sealed record WorkerExtractionLimits(int MaxChunksPerRequest = 32, int MaxCharsPerRequest = 100_000)
{
    /// <summary>Consecutive groups within both limits (a single chunk over the character limit travels alone).</summary>
    public IEnumerable<IReadOnlyList<ChunkInput>> Split(IReadOnlyList<ChunkInput> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var part = new List<ChunkInput>();
        var chars = 0;
        foreach (var chunk in chunks)
        {
            if (part.Count > 0 && (part.Count >= MaxChunksPerRequest || chars + chunk.Text.Length > MaxCharsPerRequest))
            {
                yield return part;
                part = [];
                chars = 0;
            }

            part.Add(chunk);
            chars += chunk.Text.Length;
        }

        if (part.Count > 0)
        {
            yield return part;
        }
    }
}
