using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Merging;

/// <summary>Outcome of a submission.</summary>
internal enum SubmitStatus
{
    Accepted,
    Existing,
    QueueFull,
    OutputInUse,
}

/// <summary>
/// The jobs this process knows, in memory: every queued or running job, plus the most recent finished ones up to
/// <see cref="MergeJobOptions.HistoryLimit"/>. Submission is atomic with respect to idempotency keys and output folders.
/// </summary>
internal sealed class MergeJobStore(MergeJobQueue queue, IOptions<MergeJobOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, MergeJob> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MergeJob> byKey = new(StringComparer.Ordinal);
    private readonly List<MergeJob> order = [];

    public MergeJob? Get(string id)
    {
        lock (gate)
        {
            return byId.GetValueOrDefault(id);
        }
    }

    public MergeJob? FindByKey(string key)
    {
        lock (gate)
        {
            return byKey.GetValueOrDefault(key);
        }
    }

    /// <summary>Most recent first.</summary>
    public IReadOnlyList<MergeJob> List()
    {
        lock (gate)
        {
            return order.AsEnumerable().Reverse().ToList();
        }
    }

    public (SubmitStatus Status, MergeJob Job) Submit(MergeJob job)
    {
        lock (gate)
        {
            if (job.IdempotencyKey is { } key && byKey.TryGetValue(key, out var existing))
            {
                return (SubmitStatus.Existing, existing);
            }

            if (order.FirstOrDefault(j => !j.IsFinished && PathEquals(j.OutputDirectory, job.OutputDirectory)) is { } busy)
            {
                return (SubmitStatus.OutputInUse, busy);
            }

            if (!queue.TryEnqueue(job))
            {
                return (SubmitStatus.QueueFull, job);
            }

            byId[job.Id] = job;
            if (job.IdempotencyKey is { } newKey)
            {
                byKey[newKey] = job;
            }

            order.Add(job);
            Trim();
            return (SubmitStatus.Accepted, job);
        }
    }

    private void Trim()
    {
        var finished = order.Count(j => j.IsFinished);
        var limit = Math.Max(0, options.Value.HistoryLimit);
        for (var i = 0; i < order.Count && finished > limit;)
        {
            var job = order[i];
            if (!job.IsFinished)
            {
                i++;
                continue;
            }

            order.RemoveAt(i);
            byId.Remove(job.Id);
            if (job.IdempotencyKey is { } key)
            {
                byKey.Remove(key);
            }

            finished--;
        }
    }

    private static bool PathEquals(string a, string b) =>
        string.Equals(a, b, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
