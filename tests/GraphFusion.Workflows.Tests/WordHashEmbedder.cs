using System.Text;
using GraphFusion.Core.Embeddings;

namespace GraphFusion.Workflows.Tests;

/// <summary>
/// A lexical embedder for tests: each lower-cased word adds 1 on an axis picked by a stable hash, so texts sharing
/// words are close and texts on different topics are far apart. Records what it embedded.
/// </summary>
internal sealed class WordHashEmbedder(int dimensions = 512) : ITextEmbedder
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> embedded = new();

    public string Name => "word-hash";

    public int Dimensions => dimensions;

    public IReadOnlyList<string> Embedded => [.. embedded];

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        foreach (var text in texts)
        {
            embedded.Enqueue(text);
        }

        return Task.FromResult(texts.Select(Embed).ToArray());
    }

    private float[] Embed(string text)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(word))
            {
                hash = (hash ^ b) * 16777619u;
            }

            vector[hash % (uint)dimensions] += 1;
        }

        return vector;
    }
}
