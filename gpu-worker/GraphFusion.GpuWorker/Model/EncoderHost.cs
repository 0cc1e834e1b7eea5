using System.Diagnostics;
using GraphFusion.GpuWorker.Options;
using GraphFusion.Inference;
using GraphFusion.Inference.Extraction;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Model;

/// <summary>
/// Loads and warms up the encoder in the background when the host starts, so that liveness is
/// answered at once and readiness turns true only once the model can serve.
/// </summary>
public sealed partial class EncoderHost(
    IOptions<ModelOptions> modelOptions,
    IOptions<BatchingOptions> batchingOptions,
    ILogger<EncoderHost> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<MiniLmEncoder> _model = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the warmed-up encoder, or faults if loading failed.</summary>
    public Task<MiniLmEncoder> Model => _model.Task;

    public bool IsReady => _model.Task.IsCompletedSuccessfully;

    public string? LoadError => _model.Task.IsFaulted ? _model.Task.Exception?.GetBaseException().Message : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(Load, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (_model.Task.IsCompletedSuccessfully)
        {
            _model.Task.Result.Dispose();
        }
    }

    private void Load()
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var m = modelOptions.Value;
            var options = new MiniLmEncoderOptions
            {
                ExecutionProvider = m.ExecutionProvider,
                CudaDeviceId = m.CudaDeviceId,
                IntraOpThreads = m.IntraOpThreads,
                AllowSpinning = m.AllowSpinning,
                MaxSequenceLength = m.MaxSequenceLength,
                MaxBatchSize = Math.Max(1, m.MaxBatchSize > 0 ? m.MaxBatchSize : batchingOptions.Value.MaxBatchSize),
            };

            // The trained extractor shares this encoder and reads one of its hidden states.
            if (TrainedExtractor.HasShippedModel && TrainedExtractor.ShippedEncoderLayer != MiniLmEncoder.LayerCount)
            {
                options.IntermediateLayers.Add(TrainedExtractor.ShippedEncoderLayer);
            }

            var encoder = new MiniLmEncoder(options);
            if (encoder.CudaFallbackReason is { } reason)
            {
                LogCudaFallback(reason);
            }

            var loaded = stopwatch.ElapsedMilliseconds;
            encoder.Embed(["Warm-up sentence for the embedding model.", "A second, somewhat longer warm-up sentence to exercise padding."]);
            LogReady(MiniLmEncoder.ModelName, encoder.ExecutionProvider, MiniLmEncoder.OnnxRuntimeFlavor, loaded, stopwatch.ElapsedMilliseconds);
            _model.TrySetResult(encoder);
        }
        catch (Exception ex)
        {
            LogLoadFailed(ex);
            _model.TrySetException(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} ready on {ExecutionProvider} (ONNX Runtime flavour {Flavor}); loaded in {LoadMs} ms, warmed up after {ReadyMs} ms")]
    private partial void LogReady(string model, string executionProvider, string flavor, long loadMs, long readyMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA execution provider unavailable, using CPU: {Reason}")]
    private partial void LogCudaFallback(string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Loading the model failed")]
    private partial void LogLoadFailed(Exception exception);
}
