using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Cli.Hosting;

/// <summary>
/// The in-memory backend runs only <see cref="Environment.ProcessorCount"/> work items at once and sleeps when saturated;
/// our activities are mostly I/O-bound, so this re-implements the two limits and leaves everything else to the base.
/// </summary>
internal sealed class UnboundedInMemoryOrchestrationService(ILoggerFactory loggerFactory, int concurrency)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => concurrency;

    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => concurrency;
}
