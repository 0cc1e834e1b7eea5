using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using GraphFusion.Cli.Hosting;
using GraphFusion.Core.Events;
using GraphFusion.Core.Storage;
using GraphFusion.Functions.Merging;
using GraphFusion.Functions.Triggers;
using GraphFusion.Storage.Blobs;
using GraphFusion.Storage.Sqlite;
using GraphFusion.Testing;
using GraphFusion.Workflows;
using GraphFusion.Workflows.Merging;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.Merging.Integration.Tests;

/// <summary>
/// The merge path without the Functions host: a recipe blob in Azurite, the blob trigger's body, the real
/// MergeModels orchestration and activities in the in-process durable host, the Functions app's typed worker client
/// (standard resilience handler) against the real worker on loopback, the outputs streamed to the <c>models</c>
/// container in Azurite, the manifest in the SQLite store's state, and the published events.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class MergeModelsOrchestrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Recipe = """
        merge_method: ties
        base_model: base
        models:
          - model: math
            parameters: {weight: 1.0, density: 0.5}
          - model: code
            parameters: {weight: 0.5, density: 0.5}
        out_dtype: bfloat16
        """;

    private readonly SyntheticModels models = new();
    private readonly string storePath = Path.Combine(Path.GetTempPath(), $"gf-merge-it-{Guid.NewGuid():N}.db");
    private WorkerHost worker = null!;
    private ServiceProvider services = null!;
    private SqliteGraphStore store = null!;
    private LocalDurableHost host = null!;
    private BlobContainerClient container = null!;
    private BlobContainerClient modelsContainer = null!;
    private MergeActivities activities = null!;
    private readonly System.Collections.Concurrent.ConcurrentQueue<GraphEvent> events = new();

    public async Task InitializeAsync()
    {
        worker = new WorkerHost(models.Root);
        var workerUrl = worker.Start();
        store = new SqliteGraphStore(storePath);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GpuWorker:Url"] = workerUrl.ToString(),
            ["GpuWorker:ApiKey"] = WorkerHost.ApiKey,
        }).Build();
        modelsContainer = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(BlobModelFileStore.ContainerName);
        services = new ServiceCollection()
            .AddSingleton<IGraphStore>(store)
            .AddSingleton<IModelFileStore>(new BlobModelFileStore(modelsContainer, blockBytes: 64 * 1024))
            .AddGpuWorkerMerging(configuration)
            .BuildServiceProvider();
        activities = services.GetRequiredService<MergeActivities>();
        host = await LocalDurableHost.StartAsync(
            registry => registry.AddGraphFusionMerging(() => activities).AddActivityFunc<GraphEvent, int>(ActivityNames.PublishEvent, (_, e) =>
            {
                events.Enqueue(e);
                return Task.FromResult(0);
            }),
            4,
            CancellationToken.None);
        container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(OnRecipeUploaded.Container);
        await container.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await services.DisposeAsync();
        await worker.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(storePath);
        models.Dispose();
    }

    [Fact]
    public async Task An_uploaded_recipe_is_merged_on_the_worker_and_its_manifest_recorded_with_input_and_output_hashes()
    {
        var name = $"{Guid.NewGuid():N}/ties.yaml";
        var manifest = await UploadAndRunAsync(name, Recipe);

        Assert.Equal(MergeJobStatus.Succeeded, manifest.Status);
        Assert.Null(manifest.Error);
        Assert.Equal("ties", manifest.Method);
        Assert.Equal($"merges/{name}", manifest.RecipeReference);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Recipe))), manifest.RecipeSha256);
        Assert.Equal(Recipe, manifest.Recipe);
        Assert.Equal(["base", "math", "code"], manifest.Inputs.Select(i => i.Model));
        foreach (var input in manifest.Inputs)
        {
            var file = Assert.Single(input.Files);
            Assert.Equal(Sha256(Path.Combine(models.Root, file.Path)), file.Sha256);
        }

        var output = Assert.Single(manifest.Outputs);
        Assert.Equal(Sha256(Path.Combine(models.Root, manifest.OutputDirectory!, output.Path)), output.Sha256);
        Assert.True(manifest.CompletedAt >= manifest.SubmittedAt);

        var stored = await store.GetStateAsync(MergeManifest.StateId(manifest.JobId), CancellationToken.None);
        var recorded = JsonSerializer.Deserialize<MergeManifest>(stored!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(manifest.Outputs.Single().Sha256, recorded.Outputs.Single().Sha256);
        Assert.Contains(manifest.Accelerator, new[] { "cpu-simd", "ilgpu-cuda" });
        Assert.Equal(manifest.Accelerator, recorded.Accelerator);
        Assert.Equal(manifest.Inputs.SelectMany(i => i.Files).Select(f => f.Sha256), recorded.Inputs.SelectMany(i => i.Files).Select(f => f.Sha256));

        // The outputs are in models/{job id}/, checked against the worker's hash, and marked with it.
        var blobFile = Assert.Single(manifest.StoredOutputs!);
        Assert.Equal($"{manifest.JobId}/{output.Path}", blobFile.Name);
        Assert.True(blobFile.Uploaded);
        Assert.Equal(output.Sha256, blobFile.Sha256);
        Assert.Equal(output.SizeBytes, blobFile.SizeBytes);
        var blob = modelsContainer.GetBlobClient(blobFile.Name);
        Assert.Equal(blob.Uri.ToString(), blobFile.Uri);
        await using (var content = await blob.OpenReadAsync())
        {
            Assert.Equal(output.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(content)));
        }

        Assert.Equal(output.Sha256, (await blob.GetPropertiesAsync()).Value.Metadata["sha256"]);
        Assert.Equal(blobFile.Uri, recorded.StoredOutputs!.Single().Uri);

        // A repeated upload (an activity retry) finds the blob complete and leaves it alone.
        var lastModified = (await blob.GetPropertiesAsync()).Value.LastModified;
        var again = Assert.Single(await activities.UploadMergeOutputsAsync(
            new UploadMergeOutputsInput(manifest.JobId, [new MergeFile(output.Path, output.SizeBytes, output.Sha256)])));
        Assert.False(again.Uploaded);
        Assert.Equal(lastModified, (await blob.GetPropertiesAsync()).Value.LastModified);

        var merged = Assert.Single(events, e => e.Type == EventTypes.ModelMerged);
        Assert.Equal($"models/{manifest.JobId}/", merged.Data.GetProperty("output").GetString());
        Assert.Equal("ties", merged.Data.GetProperty("method").GetString());

        var (_, startedAgain) = await MergeStarter.StartAsync(host.Client, MergeModelsOrchestration.ForRecipe($"merges/{name}", Encoding.UTF8.GetBytes(Recipe)), CancellationToken.None);
        Assert.False(startedAgain);
    }

    [Fact]
    public async Task A_recipe_the_worker_refuses_ends_the_run_with_every_problem_and_records_nothing()
    {
        var manifest = await UploadAndRunAsync($"{Guid.NewGuid():N}/bad.yaml", "merge_method: ties\nmodels:\n  - model: ../../etc\n  - model: math\n");

        Assert.Equal("rejected", manifest.Status);
        Assert.Equal(string.Empty, manifest.JobId);
        Assert.Contains(manifest.Problems, p => p.Contains("'..'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_model_store_keeps_nothing_when_the_streamed_bytes_do_not_match_the_expected_hash()
    {
        var store = new BlobModelFileStore(modelsContainer, blockBytes: 64 * 1024);
        var name = $"{Guid.NewGuid():N}/model.safetensors";
        var bytes = new byte[300_000];
        new Random(5).NextBytes(bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        bytes[1000] ^= 1; // corrupted in transit

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            store.StoreAsync(name, bytes.Length, sha, _ => Task.FromResult<Stream>(new MemoryStream(bytes)), CancellationToken.None));

        Assert.False((await modelsContainer.GetBlobClient(name).ExistsAsync()).Value);
    }

    private async Task<MergeManifest> UploadAndRunAsync(string name, string recipe)
    {
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(recipe), overwrite: true);
        var content = (await container.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();

        await new OnRecipeUploaded(NullLogger<OnRecipeUploaded>.Instance).Run(content, name, host.Client, CancellationToken.None);

        var instanceId = MergeModelsOrchestration.InstanceId(MergeModelsOrchestration.ForRecipe($"merges/{name}", content));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var instance = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, instance.FailureDetails?.ToString());
        return instance.ReadOutputAs<MergeManifest>()!;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
