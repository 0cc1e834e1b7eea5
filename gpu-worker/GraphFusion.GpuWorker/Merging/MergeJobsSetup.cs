namespace GraphFusion.GpuWorker.Merging;

/// <summary>Merge jobs: options, the job queue and store, and the endpoints behind the worker's authentication.</summary>
internal static class MergeJobsSetup
{
    public static IServiceCollection AddMergeJobs(this IServiceCollection services)
    {
        services.AddOptions<MergeJobOptions>().BindConfiguration(MergeJobOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MergeKernelHost>();
        services.AddSingleton<MergeJobRunner>();
        services.AddSingleton<MergeJobQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<MergeJobQueue>());
        services.AddSingleton<MergeJobStore>();
        return services;
    }

    /// <summary>Maps <c>/v1/merges</c>; authorization as for the embeddings endpoint.</summary>
    public static IEndpointRouteBuilder MapMergeJobs(this IEndpointRouteBuilder app, bool anonymous)
    {
        var group = app.MapMergeEndpoints();
        if (!anonymous)
        {
            group.RequireAuthorization();
        }

        return app;
    }
}
