using GraphFusion.Core.Embeddings;
using GraphFusion.Workers.Embeddings;
using GraphFusion.Workflows.Seeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GraphFusion.Functions.Tests;

/// <summary>The app embeds through the GPU worker when its URL is set, and has no embedder otherwise.</summary>
public sealed class EmbedderWiringTests
{
    [Fact]
    public void With_the_worker_url_set_the_embedder_is_the_workers()
    {
        using var services = Build(("GpuWorker:Url", "http://127.0.0.1:9/"));

        var embedder = Assert.IsType<WorkerTextEmbedder>(services.GetService<ITextEmbedder>());
        Assert.Equal(WorkerTextEmbedder.DefaultDimensions, embedder.Dimensions);
    }

    [Fact]
    public void Without_the_worker_url_there_is_no_embedder()
    {
        using var services = Build();

        Assert.Null(services.GetService<ITextEmbedder>());
    }

    [Fact]
    public void Seed_activities_need_the_worker_and_say_which_setting_is_missing()
    {
        using (var without = Build())
        {
            var error = Assert.Throws<InvalidOperationException>(() => without.GetRequiredService<SeedActivities>());
            Assert.Contains("GpuWorker__Url", error.Message, StringComparison.Ordinal);
        }

        using var with = Build(("GpuWorker:Url", "http://127.0.0.1:9/"));
        Assert.NotNull(with.GetRequiredService<SeedActivities>());
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
                .Append(KeyValuePair.Create("GraphStore:Provider", (string?)"sqlite")))
            .Build();
        return new ServiceCollection().AddGraphFusion(configuration).BuildServiceProvider();
    }
}
