namespace GraphFusion.Inference;

/// <summary>Which ONNX Runtime execution provider the encoder should try first.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>CUDA when this build references the GPU package of ONNX Runtime, CPU otherwise.</summary>
    Auto,

    /// <summary>Always the CPU provider.</summary>
    Cpu,

    /// <summary>Try the CUDA provider; fall back to the CPU provider when it cannot be used.</summary>
    Cuda,
}

/// <summary>Settings of <see cref="MiniLmEncoder"/>.</summary>
public sealed class MiniLmEncoderOptions
{
    /// <summary>
    /// Longest token sequence fed to the model, [CLS] and [SEP] included. Longer texts are
    /// truncated to their first <c>MaxSequenceLength - 2</c> word pieces, as sentence-transformers
    /// does for all-MiniLM-L6-v2 (its max_seq_length is 256; the model accepts up to 512).
    /// </summary>
    public int MaxSequenceLength { get; set; } = MiniLmEncoder.DefaultMaxSequenceLength;

    /// <summary>Most texts per ONNX Runtime call; larger inputs are split into batches of this size.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>Execution provider preference; CPU unless the GPU flavour is built (see <see cref="ExecutionProviderPreference.Auto"/>).</summary>
    public ExecutionProviderPreference ExecutionProvider { get; set; } = ExecutionProviderPreference.Auto;

    /// <summary>CUDA device ordinal used when the CUDA provider is tried.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Threads ONNX Runtime uses inside one operator on CPU; 0 lets ONNX Runtime decide.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin while waiting for work (its default). Spinning buys a little latency
    /// when the process does nothing else; in a server it burns the cores that parse requests and write responses.
    /// </summary>
    public bool AllowSpinning { get; set; } = true;

    /// <summary>
    /// Hidden states to expose besides the last one, for token-level models: 0 is the embedding
    /// layer's output, 1..5 the output of that transformer layer (4 is the graph tensor <c>662</c>).
    /// They are added to the model graph's outputs when the session is created.
    /// </summary>
    public IList<int> IntermediateLayers { get; } = [];

    internal void Validate()
    {
        if (MaxSequenceLength is < 3 or > MiniLmEncoder.ModelMaxSequenceLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSequenceLength), MaxSequenceLength,
                $"MaxSequenceLength must be between 3 and {MiniLmEncoder.ModelMaxSequenceLength}.");
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be at least 1.");
        }

        if (CudaDeviceId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CudaDeviceId), CudaDeviceId, "CudaDeviceId must not be negative.");
        }

        foreach (var layer in IntermediateLayers)
        {
            if (layer is < 0 or > MiniLmEncoder.LayerCount)
            {
                throw new ArgumentOutOfRangeException(nameof(IntermediateLayers), layer,
                    $"Hidden states are numbered 0..{MiniLmEncoder.LayerCount}.");
            }
        }

        if (IntraOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must not be negative.");
        }
    }
}
