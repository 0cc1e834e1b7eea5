using System.Text.Json;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>Extracts a batch of chunks; results are kept by chunk content hash and extractor, so nothing is extracted twice.</summary>
public sealed class ExtractChunksStep(ITripletExtractor extractor, IStateStore state)
{
    public async Task<ExtractBatchResult> RunAsync(ExtractBatchRequest request, CancellationToken cancellationToken)
    {
        var todo = new List<ChunkInput>();
        foreach (var chunkId in request.ChunkIds)
        {
            if (await state.GetStateAsync(StateKeys.Extraction(extractor.Name, chunkId), cancellationToken) is not null)
            {
                continue;
            }

            var text = await state.GetStateAsync(StateKeys.Chunk(chunkId), cancellationToken)
                ?? throw new InvalidOperationException($"Chunk {chunkId} of document {request.DocumentId} has no stored text.");
            todo.Add(new ChunkInput(chunkId, text));
        }

        if (todo.Count > 0)
        {
            foreach (var extraction in await extractor.ExtractAsync(todo, cancellationToken))
            {
                await state.PutStateAsync(StateKeys.Extraction(extractor.Name, extraction.ChunkId), JsonSerializer.Serialize(extraction), cancellationToken);
            }
        }

        return new ExtractBatchResult(todo.Count, request.ChunkIds.Count - todo.Count);
    }
}
