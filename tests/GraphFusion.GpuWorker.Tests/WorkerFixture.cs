using GraphFusion.Inference;

namespace GraphFusion.GpuWorker.Tests;

/// <summary>A worker protected by an API key, and an in-process encoder to check its answers against.</summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public WorkerFactory Factory { get; } = WorkerFactory.WithApiKey(("Limits:MaxInputsPerRequest", "16"));

    public HttpClient Client { get; private set; } = null!;

    public MiniLmEncoder Encoder { get; } = new(new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });

    public async Task InitializeAsync() => Client = await Factory.StartReadyAsync();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Encoder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Name = "worker";
}
