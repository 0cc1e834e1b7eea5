namespace GraphFusion.GpuWorker.Tests.Merging;

/// <summary>A worker with an API key whose models root is a temporary folder of synthetic models.</summary>
public sealed class MergeWorkerFixture : IAsyncLifetime
{
    public MergeWorkerFixture()
    {
        Factory = WorkerFactory.WithApiKey(("Merging:ModelsRoot", Models.Path), ("Merging:MaxConcurrentJobs", "1"));
    }

    public ModelsRoot Models { get; } = new();

    public WorkerFactory Factory { get; }

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await Factory.StartReadyAsync();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Models.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MergeWorkerCollection : ICollectionFixture<MergeWorkerFixture>
{
    public const string Name = "merge worker";
}
