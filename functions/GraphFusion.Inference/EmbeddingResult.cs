namespace GraphFusion.Inference;

/// <summary>Sentence embeddings with the number of tokens the model read for each text.</summary>
/// <param name="Embeddings">One L2-normalised vector per text, in input order.</param>
/// <param name="TokenCounts">Tokens per text after truncation, [CLS] and [SEP] included.</param>
public sealed record EmbeddingResult(float[][] Embeddings, int[] TokenCounts);
