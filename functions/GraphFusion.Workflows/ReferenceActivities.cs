using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;

namespace GraphFusion.Workflows;

/// <summary>The reference activity bodies: one step each, plain inputs and outputs, safe to repeat.</summary>
public sealed class ReferenceActivities(IndexReferenceStep index, RecordReferenceStep record, RemoveReferenceStep remove, FindRemovedReferencesStep findRemoved)
{
    public Task<StagedReference> ReadReferenceAsync(IndexReferenceRequest input) => index.RunAsync(input, CancellationToken.None);

    public Task<ReferenceRecord> RecordReferenceAsync(StagedReference input) => record.RunAsync(input, CancellationToken.None);

    public Task<bool> RemoveReferenceAsync(string referenceId) => remove.RunAsync(referenceId, CancellationToken.None);

    public Task<IReadOnlyList<string>> FindRemovedReferencesAsync(int limit) => findRemoved.RunAsync(limit, CancellationToken.None);
}
