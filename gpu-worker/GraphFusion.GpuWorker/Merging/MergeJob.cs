using GraphFusion.Merging.Execution;
using GraphFusion.Merging.Recipes;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>One merge job: its recipe and where it writes, and its state, updated by the runner and read by the endpoints.</summary>
internal sealed class MergeJob(string id, string? idempotencyKey, string output, string outputDirectory, MergeRecipe recipe, DateTimeOffset submittedAt)
{
    private readonly Lock gate = new();
    private string state = MergeJobStates.Queued;
    private DateTimeOffset? startedAt;
    private DateTimeOffset? completedAt;
    private MergeProgressView progress = new(0, 0, 0, 0, null);
    private MergeResultView? result;
    private IReadOnlyList<MergeInputView> inputs = [];
    private string? error;

    public string Id { get; } = id;

    public string? IdempotencyKey { get; } = idempotencyKey;

    public string Output { get; } = output;

    public string OutputDirectory { get; } = outputDirectory;

    public MergeRecipe Recipe { get; } = recipe;

    public bool IsFinished
    {
        get
        {
            lock (gate)
            {
                return state is MergeJobStates.Succeeded or MergeJobStates.Failed;
            }
        }
    }

    public void Start(DateTimeOffset at) => Update(() => (state, startedAt) = (MergeJobStates.Running, at));

    public void Report(MergeProgress p) => Update(() => progress = new MergeProgressView(p.TensorsDone, p.TensorsTotal, p.BytesRead, p.BytesWritten, p.CurrentTensor));

    public void BeginHashing() => Update(() => state = MergeJobStates.Hashing);

    public void Succeed(MergeResultView merged, IReadOnlyList<MergeInputView> hashed, DateTimeOffset at) =>
        Update(() => (state, result, inputs, completedAt) = (MergeJobStates.Succeeded, merged, hashed, at));

    public void Fail(string message, DateTimeOffset at) => Update(() => (state, error, completedAt) = (MergeJobStates.Failed, message, at));

    public MergeJobView Snapshot()
    {
        lock (gate)
        {
            var listed = inputs.Count > 0 ? inputs : Unhashed();
            return new MergeJobView(Id, state, Output, Recipe.MergeMethod, submittedAt, startedAt, completedAt, progress, result, listed, error);
        }
    }

    private List<MergeInputView> Unhashed()
    {
        var list = new List<MergeInputView>();
        if (Recipe.BaseModelName is { } baseName)
        {
            list.Add(new MergeInputView(baseName, "base", []));
        }

        list.AddRange(Recipe.Models.Select(m => new MergeInputView(m.Name, "model", [])));
        return list;
    }

    private void Update(Action change)
    {
        lock (gate)
        {
            change();
        }
    }
}
