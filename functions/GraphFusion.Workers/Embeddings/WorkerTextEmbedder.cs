using System.Runtime.InteropServices;
using GraphFusion.Core.Embeddings;

namespace GraphFusion.Workers.Embeddings;

/// <summary>
/// The sentence encoder run by the GPU worker (<c>/v1/embeddings</c>), for hosts without an in-process model. It serves the
/// same model as the in-process encoder, so vectors stored through either are interchangeable. Texts are sent in requests
/// of at most <paramref name="maxInputsPerRequest"/> (keep within the worker's <c>Limits:MaxInputsPerRequest</c>).
/// </summary>
public sealed class WorkerTextEmbedder(WorkerEmbeddingClient client, string model = WorkerTextEmbedder.DefaultModel, int dimensions = WorkerTextEmbedder.DefaultDimensions, int maxInputsPerRequest = 64)
    : ITextEmbedder
{
    /// <summary>The model the worker serves (all-MiniLM-L6-v2).</summary>
    public const string DefaultModel = "all-MiniLM-L6-v2";

    /// <summary>Its vector length.</summary>
    public const int DefaultDimensions = 384;

    private readonly int _batch = maxInputsPerRequest > 0 ? maxInputsPerRequest : throw new ArgumentOutOfRangeException(nameof(maxInputsPerRequest));

    /// <inheritdoc />
    public string Name => model;

    /// <inheritdoc />
    public int Dimensions => dimensions;

    /// <inheritdoc />
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var offset = 0; offset < texts.Count; offset += _batch)
        {
            var part = texts.Skip(offset).Take(_batch).ToList();
            var response = await client.EmbedAsync(part, model, cancellationToken);
            if (response.Data.Count != part.Count)
            {
                throw new InvalidDataException($"The GPU worker answered {response.Data.Count} embeddings for {part.Count} texts.");
            }

            foreach (var item in response.Data)
            {
                if (item.Index < 0 || item.Index >= part.Count || vectors[offset + item.Index] is not null)
                {
                    throw new InvalidDataException($"The GPU worker answered an embedding for input {item.Index} of {part.Count}.");
                }

                vectors[offset + item.Index] = Decode(item.Embedding);
            }
        }

        return vectors;
    }

    private float[] Decode(string base64)
    {
        var vector = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(base64)).ToArray();
        return vector.Length == dimensions
            ? vector
            : throw new InvalidDataException($"The GPU worker answered a vector of {vector.Length} dimensions, not {dimensions}; deploy the same model on both sides.");
    }
}
