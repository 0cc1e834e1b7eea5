using GraphFusion.Core.Extraction;

namespace GraphFusion.Workflows.Tests;

/// <summary>The real offline extractor, counting the chunks it extracts and failing on demand.</summary>
internal sealed class CountingExtractor(Func<int, bool>? failOnCall = null) : ITripletExtractor
{
    private readonly StatisticalExtractor inner = new();
    private int calls;
    private int chunks;

    public string Name => inner.Name;

    public int Calls => calls;

    public int Chunks => chunks;

    public async Task<IReadOnlyList<ChunkExtraction>> ExtractAsync(IReadOnlyList<ChunkInput> input, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls);
        if (failOnCall?.Invoke(call) == true)
        {
            throw new InvalidOperationException($"extractor failure on call {call}");
        }

        Interlocked.Add(ref chunks, input.Count);
        return await inner.ExtractAsync(input, cancellationToken);
    }
}
