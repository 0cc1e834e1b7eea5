namespace GraphFusion.Core.Embeddings;

/// <summary>
/// Turns texts into dense vectors. Implementations return one vector of <see cref="Dimensions"/>
/// floats per input text, in input order.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>The model name, e.g. <c>all-MiniLM-L6-v2</c>.</summary>
    string Name { get; }

    /// <summary>The length of every vector this embedder returns.</summary>
    int Dimensions { get; }

    /// <summary>Embeds <paramref name="texts"/>; the result has one vector per text, in the same order.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
