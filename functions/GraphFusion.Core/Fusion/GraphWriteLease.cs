using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Fusion;

/// <summary>How writers of fused facts take turns on the graph's lease.</summary>
public sealed record GraphWriteLeaseOptions
{
    /// <summary>How long a taken lease lasts without renewal: a holder that dies blocks the others this long at most.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a writer waits for the lease before giving up with a <see cref="TimeoutException"/> (a transient fault).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Runs work that rewrites fused facts (fusion rounds, replacements of inferred relation sets) under the graph's one lease, so
/// that such writers never interleave, in one process or across many. Fusion is order-independent for rounds that run one
/// after another; two rounds interleaved could each read what the other was rewriting. The lease is renewed while the work
/// runs; if it is lost (renewals failed until it expired), the work is cancelled and the call fails, leaving its keys touched.
/// </summary>
public static class GraphWriteLease
{
    public const string Name = "graph-write";

    public static async Task<T> RunAsync<T>(ILeaseStore store, GraphWriteLeaseOptions options, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(work);
        var holder = Guid.NewGuid().ToString("N");
        await AcquireAsync(store, holder, options, cancellationToken);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopRenewing = new CancellationTokenSource();
        var renewal = RenewAsync(store, holder, options, lost, stopRenewing.Token);
        try
        {
            return await work(lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The graph's write lease expired before the work under it finished (renewals failed for {options.Duration}); its keys stay touched and are fused again.");
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewal;
            await store.ReleaseLeaseAsync(Name, holder, CancellationToken.None);
        }
    }

    private static async Task AcquireAsync(ILeaseStore store, string holder, GraphWriteLeaseOptions options, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var delay = options.FirstRetryDelay;
        while (!await store.TryAcquireLeaseAsync(Name, holder, options.Duration, cancellationToken))
        {
            if (DateTimeOffset.UtcNow - started > options.MaxWait)
            {
                throw new TimeoutException($"The graph's write lease was held by another writer for longer than {options.MaxWait}.");
            }

            // Jittered, so that writers released at once do not retry in lock step.
            await Task.Delay(delay * (0.5 + Random.Shared.NextDouble()), cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
        }
    }

    private static async Task RenewAsync(ILeaseStore store, string holder, GraphWriteLeaseOptions options, CancellationTokenSource lost, CancellationToken stop)
    {
        var renewedAt = DateTimeOffset.UtcNow;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Duration / 3, stop);
                if (!await store.RenewLeaseAsync(Name, holder, options.Duration, stop))
                {
                    await lost.CancelAsync();
                    return;
                }

                renewedAt = DateTimeOffset.UtcNow;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (DateTimeOffset.UtcNow - renewedAt < options.Duration)
            {
                // A transient store fault: the lease still holds, so try again next time.
            }
            catch (Exception)
            {
                await lost.CancelAsync();
                return;
            }
        }
    }
}
