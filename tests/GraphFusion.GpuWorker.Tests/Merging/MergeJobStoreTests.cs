using GraphFusion.GpuWorker.Merging;
using GraphFusion.Merging.Recipes;
using Microsoft.Extensions.Logging.Abstractions;

namespace GraphFusion.GpuWorker.Tests.Merging;

public sealed class MergeJobStoreTests
{
    [Fact]
    public void History_keeps_the_most_recent_finished_jobs_and_every_unfinished_one()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new MergeJobOptions { ModelsRoot = Path.GetTempPath(), HistoryLimit = 2, QueueCapacity = 100 });
        var store = new MergeJobStore(new MergeJobQueue(new MergeJobRunner(options, TimeProvider.System, NullLogger<MergeJobRunner>.Instance), options), options);
        var recipe = MergeRecipe.Parse("merge_method: linear\nmodels: [a, b]\n", Path.GetTempPath());
        MergeJob Job(int i) => new($"job{i}", $"key{i}", $"out{i}", Path.Combine(Path.GetTempPath(), $"out{i}"), recipe, DateTimeOffset.UnixEpoch);

        var running = Job(0);
        Assert.Equal(SubmitStatus.Accepted, store.Submit(running).Status);
        for (var i = 1; i <= 4; i++)
        {
            var job = Job(i);
            Assert.Equal(SubmitStatus.Accepted, store.Submit(job).Status);
            job.Fail("done", DateTimeOffset.UnixEpoch);
        }

        Assert.Equal(SubmitStatus.Accepted, store.Submit(Job(5)).Status);

        Assert.Equal(["job5", "job4", "job3", "job0"], store.List().Select(j => j.Id));
        Assert.Null(store.Get("job1"));
        Assert.Null(store.FindByKey("key2"));
        Assert.Same(running, store.FindByKey("key0"));
        Assert.Equal(SubmitStatus.OutputInUse, store.Submit(new MergeJob("other", null, "out0", running.OutputDirectory, recipe, DateTimeOffset.UnixEpoch)).Status);
        Assert.Equal(SubmitStatus.Existing, store.Submit(Job(4)).Status);
    }
}
