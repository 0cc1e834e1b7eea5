using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Chunking;

/// <summary>A piece of a document: whole sentences, with its character range in the document text.</summary>
public sealed record Chunk(string Id, int Index, int Start, int End, string Text);

public sealed record ChunkingOptions
{
    /// <summary>Chunks grow sentence by sentence up to about this many characters.</summary>
    public int TargetChars { get; init; } = 1_200;

    /// <summary>Sentences repeated at the start of the next chunk, so relations across a boundary are not lost.</summary>
    public int OverlapSentences { get; init; } = 1;
}

/// <summary>Sentence-aware chunking. Chunk ids hash the chunk text, so unchanged text keeps its id (and its cached extraction).</summary>
public sealed class Chunker(ChunkingOptions options)
{
    public static Chunker Default { get; } = new(new ChunkingOptions());

    public IReadOnlyList<Chunk> Split(string text)
    {
        var sentences = SentenceSplitter.Split(text);
        var chunks = new List<Chunk>();
        var first = 0;
        while (first < sentences.Count)
        {
            var last = first;
            while (last + 1 < sentences.Count && sentences[last + 1].End - sentences[first].Start <= options.TargetChars)
            {
                last++;
            }

            var start = sentences[first].Start;
            var end = sentences[last].End;
            var chunkText = text[start..end];
            chunks.Add(new Chunk(StableId.Of("c-", chunkText), chunks.Count, start, end, chunkText));
            if (last + 1 >= sentences.Count)
            {
                break;
            }

            first = Math.Max(first + 1, last + 1 - options.OverlapSentences);
        }

        return chunks;
    }
}
