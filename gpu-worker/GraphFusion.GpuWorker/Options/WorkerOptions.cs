namespace GraphFusion.GpuWorker.Options;

/// <summary>Authentication settings (section <c>Auth</c>; environment variables <c>Auth__ApiKey</c>, …).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Shared secret accepted as <c>Authorization: Bearer &lt;key&gt;</c> or <c>api-key: &lt;key&gt;</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Microsoft Entra tenant whose access tokens are accepted (with <see cref="EntraAudience"/>).</summary>
    public string? EntraTenantId { get; set; }

    /// <summary>Audience (application ID URI or client id) the Entra tokens must carry.</summary>
    public string? EntraAudience { get; set; }

    /// <summary>Entra authority host.</summary>
    public string EntraInstance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Lets the worker start, and serve without credentials, when neither an API key nor Entra is configured.</summary>
    public bool AllowAnonymous { get; set; }

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    public bool HasEntra => !string.IsNullOrWhiteSpace(EntraTenantId) && !string.IsNullOrWhiteSpace(EntraAudience);

    /// <summary>True when requests need no credentials at all.</summary>
    public bool IsAnonymous => !HasApiKey && !HasEntra && AllowAnonymous;
}

/// <summary>Dynamic batching settings (section <c>Batching</c>).</summary>
public sealed class BatchingOptions
{
    public const string Section = "Batching";

    /// <summary>Texts per model call; requests are coalesced until this many texts are waiting.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long the first request of a batch waits for others to join it.</summary>
    public int MaxWaitMilliseconds { get; set; } = 5;

    /// <summary>Requests that may wait for the model; beyond that the worker answers 429.</summary>
    public int QueueCapacity { get; set; } = 256;
}

/// <summary>Request limits (section <c>Limits</c>).</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most texts in one request; more get 400.</summary>
    public int MaxInputsPerRequest { get; set; } = 256;

    /// <summary>Most texts (chunks) in one <c>/v1/extract</c> request; more get 400.</summary>
    public int MaxExtractTextsPerRequest { get; set; } = 64;

    /// <summary>Most characters, all texts together, in one <c>/v1/extract</c> request; more get 413.</summary>
    public int MaxExtractCharsPerRequest { get; set; } = 200_000;
}

/// <summary>Model settings (section <c>Model</c>).</summary>
public sealed class ModelOptions
{
    public const string Section = "Model";

    /// <summary><c>Auto</c> (CUDA in the GPU build, falling back to CPU), <c>Cuda</c> or <c>Cpu</c>.</summary>
    public GraphFusion.Inference.ExecutionProviderPreference ExecutionProvider { get; set; }

    public int CudaDeviceId { get; set; }

    /// <summary>Threads ONNX Runtime uses inside one operator on CPU; 0 (default) is one per physical core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Off by default: spinning ONNX Runtime threads would take the cores that Kestrel needs to read the next requests
    /// and write the last batch's responses while the model runs.
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>
    /// Most texts per ONNX Runtime call; a gathered batch is sorted by length and split into calls of this size.
    /// 0 (default) uses <c>Batching:MaxBatchSize</c>. On CPU a batch of about 8 is as fast per text as any larger one
    /// and pads less (the bench's in-process ceiling finds the best size); a GPU gains from larger calls.
    /// </summary>
    public int MaxBatchSize { get; set; }

    /// <summary>Truncation length in tokens (longer inputs are cut).</summary>
    public int MaxSequenceLength { get; set; } = GraphFusion.Inference.MiniLmEncoder.DefaultMaxSequenceLength;
}
