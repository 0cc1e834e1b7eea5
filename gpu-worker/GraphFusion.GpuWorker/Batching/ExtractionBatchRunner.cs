using GraphFusion.Core.Extraction;
using GraphFusion.GpuWorker.Model;

namespace GraphFusion.GpuWorker.Batching;

/// <summary>Extracts entities and relations of chunks with the trained extractor, whose sentences go through the shared encoder.</summary>
public sealed class ExtractionBatchRunner(ExtractorHost extractorHost) : IBatchRunner<ChunkInput, ChunkExtraction>
{
    public string Name => "extract";

    public async Task<IReadOnlyList<ChunkExtraction>> RunAsync(IReadOnlyList<ChunkInput> inputs)
    {
        var extractor = await extractorHost.Extractor.ConfigureAwait(false);
        return extractor.Extract(inputs);
    }
}
