using GraphFusion.GpuWorker.Model;

namespace GraphFusion.GpuWorker.Batching;

/// <summary>One input text's embedding and the number of tokens it used.</summary>
public sealed record EmbeddedText(float[] Vector, int Tokens);

/// <summary>Embeds texts with the encoder, which orders them by token count before batching them through the model.</summary>
public sealed class EmbeddingBatchRunner(EncoderHost encoderHost) : IBatchRunner<string, EmbeddedText>
{
    public string Name => "embeddings";

    public async Task<IReadOnlyList<EmbeddedText>> RunAsync(IReadOnlyList<string> inputs)
    {
        var encoder = await encoderHost.Model.ConfigureAwait(false);
        var result = encoder.EmbedWithTokenCounts(inputs);
        var outputs = new EmbeddedText[inputs.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = new EmbeddedText(result.Embeddings[i], result.TokenCounts[i]);
        }

        return outputs;
    }
}
