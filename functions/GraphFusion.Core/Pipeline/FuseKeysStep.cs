using GraphFusion.Core.Fusion;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Pipeline;

/// <summary>Fuses the given keys into the global graph.</summary>
public sealed class FuseKeysStep(GraphFuser fuser)
{
    public Task<FusionReport> RunAsync(FuseRequest request, CancellationToken cancellationToken) => fuser.FuseAsync(request.Keys, cancellationToken);
}

/// <summary>Lists keys touched since they were last fused, for the scheduled re-fusion pass.</summary>
public sealed class ListTouchedKeysStep(ITouchLog touchLog)
{
    public Task<IReadOnlyList<string>> RunAsync(int limit, CancellationToken cancellationToken) => touchLog.ListTouchedAsync(limit, cancellationToken);
}
