namespace GraphFusion.Core.Pipeline;

/// <summary>Names of the values the pipeline keeps in the state store.</summary>
public static class StateKeys
{
    public static string Chunk(string chunkId) => $"chunk:{chunkId}";

    public static string Chunks(string documentId, string version) => $"chunks:{documentId}:{version}";

    public static string Extraction(string extractor, string chunkId) => $"extract:{extractor}:{chunkId}";
}
