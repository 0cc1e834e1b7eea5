namespace GraphFusion.Merging.Buffers;

/// <summary>
/// An asynchronous semaphore counted in bytes, granted first come first served: work waits until the bytes it
/// will hold fit under the capacity. A request larger than the capacity is granted the whole capacity, so it runs
/// alone instead of never.
/// </summary>
public sealed class ByteBudget
{
    private readonly object _lock = new();
    private readonly Queue<(long Bytes, TaskCompletionSource<long> Grant)> _waiting = new();
    private long _available;

    /// <summary>Creates a budget of <paramref name="capacity"/> bytes.</summary>
    public ByteBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _available = capacity;
    }

    /// <summary>Total bytes.</summary>
    public long Capacity { get; }

    /// <summary>Bytes not granted right now.</summary>
    public long Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> (capped at the capacity) are free and takes them; dispose the lease to give them back.</summary>
    public async Task<BudgetLease> AcquireAsync(long bytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        long wanted = Math.Min(bytes, Capacity);
        TaskCompletionSource<long> grant;
        lock (_lock)
        {
            if (_waiting.Count == 0 && _available >= wanted)
            {
                _available -= wanted;
                return new BudgetLease(this, wanted);
            }
            grant = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue((wanted, grant));
        }
        using (cancellationToken.Register(() => Cancel(grant, cancellationToken)))
        {
            long granted = await grant.Task.ConfigureAwait(false);
            return new BudgetLease(this, granted);
        }
    }

    internal void Release(long bytes)
    {
        var ready = new List<(long, TaskCompletionSource<long>)>();
        lock (_lock)
        {
            _available += bytes;
            GrantWaiting(ready);
        }
        Complete(ready);
    }

    private void Cancel(TaskCompletionSource<long> grant, CancellationToken cancellationToken)
    {
        var ready = new List<(long, TaskCompletionSource<long>)>();
        lock (_lock)
        {
            if (grant.Task.IsCompleted)
            {
                return;
            }
            var kept = _waiting.Where(w => w.Grant != grant).ToList();
            _waiting.Clear();
            foreach (var w in kept)
            {
                _waiting.Enqueue(w);
            }
            grant.TrySetCanceled(cancellationToken);
            GrantWaiting(ready);
        }
        Complete(ready);
    }

    private void GrantWaiting(List<(long, TaskCompletionSource<long>)> ready)
    {
        while (_waiting.Count > 0 && _available >= _waiting.Peek().Bytes)
        {
            (long bytes, TaskCompletionSource<long> grant) = _waiting.Dequeue();
            _available -= bytes;
            ready.Add((bytes, grant));
        }
    }

    private void Complete(List<(long Bytes, TaskCompletionSource<long> Grant)> ready)
    {
        foreach ((long bytes, TaskCompletionSource<long> grant) in ready)
        {
            if (!grant.TrySetResult(bytes))
            {
                Release(bytes);
            }
        }
    }
}

/// <summary>Bytes granted by a <see cref="ByteBudget"/>; given back on dispose (once).</summary>
public sealed class BudgetLease : IDisposable
{
    private ByteBudget? _budget;

    internal BudgetLease(ByteBudget budget, long bytes)
    {
        _budget = budget;
        Bytes = bytes;
    }

    /// <summary>Bytes held.</summary>
    public long Bytes { get; }

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _budget, null)?.Release(Bytes);
}
