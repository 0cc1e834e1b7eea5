using GraphFusion.Inference.Extraction;

namespace GraphFusion.GpuWorker.Model;

/// <summary>
/// Loads the shipped trained extractor once, over the <see cref="EncoderHost"/>'s encoder, as soon as that is ready.
/// </summary>
public sealed partial class ExtractorHost(EncoderHost encoderHost, ILogger<ExtractorHost> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<TrainedExtractor> _extractor = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the extractor, or faults if the encoder or the model could not be loaded.</summary>
    public Task<TrainedExtractor> Extractor => _extractor.Task;

    public bool IsReady => _extractor.Task.IsCompletedSuccessfully;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(LoadAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (_extractor.Task.IsCompletedSuccessfully)
        {
            _extractor.Task.Result.Dispose();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            var encoder = await encoderHost.Model.ConfigureAwait(false);
            var extractor = TrainedExtractor.LoadShipped(encoder);
            LogReady(extractor.Name, extractor.EncoderLayer);
            _extractor.TrySetResult(extractor);
        }
        catch (Exception ex)
        {
            LogLoadFailed(ex);
            _extractor.TrySetException(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Extractor {Extractor} ready (encoder hidden state {Layer})")]
    private partial void LogReady(string extractor, int layer);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Loading the trained extractor failed")]
    private partial void LogLoadFailed(Exception exception);
}
