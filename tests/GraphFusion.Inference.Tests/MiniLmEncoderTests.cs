using GraphFusion.Core.Embeddings;

namespace GraphFusion.Inference.Tests;

[Collection(EncoderCollection.Name)]
public sealed class MiniLmEncoderTests(EncoderFixture fixture)
{
    [Fact]
    public void Batched_embeddings_equal_one_by_one_embeddings()
    {
        var texts = Corpus.Sentences.Append(Corpus.SingleTokenWords(400)).ToArray();
        var batched = fixture.Encoder.Embed(texts);

        Assert.Equal(texts.Length, batched.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = fixture.Encoder.Embed(texts[i]);
            var difference = TestMath.MaxAbsDifference(batched[i], single);
            Assert.True(difference <= 1e-5f, $"'{texts[i]}': max |diff| {difference}");
        }
    }

    [Fact]
    public void Embeddings_are_unit_length_384_dimensional_and_deterministic()
    {
        var first = fixture.Encoder.Embed(Corpus.Sentences);
        var second = fixture.Encoder.Embed(Corpus.Sentences);
        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(384, first[i].Length);
            Assert.All(first[i], x => Assert.True(float.IsFinite(x)));
            Assert.InRange(TestMath.Norm(first[i]), 0.9999, 1.0001);
            Assert.Equal(first[i], second[i]);
        }
    }

    [Fact]
    public void Similar_sentences_are_closer_than_unrelated_ones()
    {
        var e = fixture.Encoder.Embed(["A man is playing a guitar.", "Someone plays an acoustic guitar.", "The stock market fell sharply."]);
        static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
        Assert.True(Dot(e[0], e[1]) > Dot(e[0], e[2]) + 0.3f);
    }

    [Fact]
    public async Task EmbedAsync_implements_ITextEmbedder()
    {
        ITextEmbedder embedder = fixture.Encoder;
        Assert.Equal("all-MiniLM-L6-v2", embedder.Name);
        Assert.Equal(384, embedder.Dimensions);

        string[] texts = ["first text", "second, longer text than the first one"];
        var viaAsync = await embedder.EmbedAsync(texts, CancellationToken.None);
        var viaSync = fixture.Encoder.Embed(texts);
        Assert.Equal(viaSync, viaAsync);
        Assert.Empty(await embedder.EmbedAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task EmbedAsync_honours_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Encoder.EmbedAsync(["text"], cancellation.Token));
    }

    [Fact]
    public void Token_counts_are_reported_per_text()
    {
        var result = fixture.Encoder.EmbedWithTokenCounts(["", "Hello, World!", Corpus.SingleTokenWords(1000)]);
        Assert.Equal([2, 6, 256], result.TokenCounts);
    }

    [Fact]
    public void Token_states_cover_every_token_and_mean_pool_to_the_sentence_embedding()
    {
        string[] texts = ["Graph neural networks aggregate neighbours.", "Short", ""];
        var states = fixture.Encoder.EncodeTokens(texts);
        var embeddings = fixture.Encoder.Embed(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var s = states[i];
            Assert.Equal(fixture.Encoder.Tokenize(texts[i]), s.TokenIds);
            Assert.Equal("[CLS]", s.Tokens[0]);
            Assert.Equal("[SEP]", s.Tokens[^1]);
            Assert.Equal(384, s.HiddenSize);
            Assert.Equal(s.Count * 384, s.Values.Length);

            var mean = new float[384];
            for (var t = 0; t < s.Count; t++)
            {
                var row = s[t];
                for (var d = 0; d < 384; d++)
                {
                    mean[d] += row[d] / s.Count;
                }
            }

            var norm = (float)TestMath.Norm(mean);
            Assert.True(TestMath.MaxAbsDifference(mean.Select(x => x / norm).ToArray(), embeddings[i]) <= 1e-5f);
        }

        Assert.Equal(["[CLS]", "short", "[SEP]"], states[1].Tokens);
    }

    [Fact]
    public void Cpu_build_runs_on_the_cpu_provider()
    {
        Assert.Equal("cpu", MiniLmEncoder.OnnxRuntimeFlavor);
        Assert.Equal(MiniLmEncoder.CpuExecutionProvider, fixture.Encoder.ExecutionProvider);
        Assert.Null(fixture.Encoder.CudaFallbackReason);
        Assert.Contains(MiniLmEncoder.CpuExecutionProvider, MiniLmEncoder.AvailableExecutionProviders);
    }

    [Fact]
    public void Asking_for_cuda_without_it_falls_back_to_cpu_and_says_why()
    {
        using var encoder = new MiniLmEncoder(new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cuda });
        Assert.Equal(MiniLmEncoder.CpuExecutionProvider, encoder.ExecutionProvider);
        Assert.False(string.IsNullOrWhiteSpace(encoder.CudaFallbackReason));
        Assert.True(TestMath.MaxAbsDifference(encoder.Embed("fallback works"), fixture.Encoder.Embed("fallback works")) <= 1e-6f);
    }

    [Theory]
    [InlineData(2, 32)]
    [InlineData(513, 32)]
    [InlineData(256, 0)]
    public void Invalid_options_are_rejected(int maxSequenceLength, int maxBatchSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MiniLmEncoder(new MiniLmEncoderOptions { MaxSequenceLength = maxSequenceLength, MaxBatchSize = maxBatchSize }));
    }

    [Fact]
    public void Shorter_truncation_length_is_applied()
    {
        using var encoder = new MiniLmEncoder(new MiniLmEncoderOptions { MaxSequenceLength = 16, MaxBatchSize = 4 });
        Assert.Equal(16, encoder.Tokenize(Corpus.SingleTokenWords(100)).Count);
        Assert.True(TestMath.MaxAbsDifference(encoder.Embed(Corpus.SingleTokenWords(100)), fixture.Encoder.Embed(Corpus.SingleTokenWords(14))) <= 1e-5f);
    }

    [Fact]
    public void Disposed_encoder_throws()
    {
        var encoder = new MiniLmEncoder();
        encoder.Dispose();
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.Embed("x"));
    }
}
