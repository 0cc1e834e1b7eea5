using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;
using GraphFusion.Workflows;
using Microsoft.Azure.Functions.Worker;

namespace GraphFusion.Functions.Activities;

/// <summary>The reference activity functions: bindings only; the bodies are the shared <see cref="ReferenceActivities"/>.</summary>
public sealed class ReferenceActivityFunctions(ReferenceActivities activities)
{
    [Function(ActivityNames.ReadReference)]
    public Task<StagedReference> ReadReference([ActivityTrigger] IndexReferenceRequest input) => activities.ReadReferenceAsync(input);

    [Function(ActivityNames.RecordReference)]
    public Task<ReferenceRecord> RecordReference([ActivityTrigger] StagedReference input) => activities.RecordReferenceAsync(input);

    [Function(ActivityNames.RemoveReference)]
    public Task<bool> RemoveReference([ActivityTrigger] string referenceId) => activities.RemoveReferenceAsync(referenceId);

    [Function(ActivityNames.FindRemovedReferences)]
    public Task<IReadOnlyList<string>> FindRemovedReferences([ActivityTrigger] int limit) => activities.FindRemovedReferencesAsync(limit);
}
