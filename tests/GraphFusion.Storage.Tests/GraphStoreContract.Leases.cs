namespace GraphFusion.Storage.Tests;

/// <summary>Leases: one holder at a time, renewable by their holder only, free again when released or expired.</summary>
public abstract partial class GraphStoreContract
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_held_lease_refuses_another_holder_until_released()
    {
        Assert.True(await Store.TryAcquireLeaseAsync("graph-write", "a", Long, Ct));
        Assert.False(await Store.TryAcquireLeaseAsync("graph-write", "b", Long, Ct));
        Assert.True(await Store.TryAcquireLeaseAsync("other", "b", Long, Ct));

        await Store.ReleaseLeaseAsync("graph-write", "b", Ct);
        Assert.False(await Store.TryAcquireLeaseAsync("graph-write", "b", Long, Ct));

        await Store.ReleaseLeaseAsync("graph-write", "a", Ct);
        Assert.True(await Store.TryAcquireLeaseAsync("graph-write", "b", Long, Ct));
    }

    [Fact]
    public async Task Only_the_holder_renews_and_an_expired_lease_goes_to_the_next_taker()
    {
        Assert.True(await Store.TryAcquireLeaseAsync("graph-write", "a", TimeSpan.FromMilliseconds(300), Ct));
        Assert.True(await Store.RenewLeaseAsync("graph-write", "a", TimeSpan.FromMilliseconds(300), Ct));
        Assert.False(await Store.RenewLeaseAsync("graph-write", "b", Long, Ct));
        Assert.False(await Store.TryAcquireLeaseAsync("graph-write", "b", Long, Ct));

        await Task.Delay(TimeSpan.FromMilliseconds(600), Ct);

        Assert.True(await Store.TryAcquireLeaseAsync("graph-write", "b", Long, Ct));
        Assert.False(await Store.RenewLeaseAsync("graph-write", "a", Long, Ct));
        Assert.False(await Store.TryAcquireLeaseAsync("graph-write", "a", Long, Ct));
    }

    [Fact]
    public async Task Of_many_takers_racing_for_a_free_lease_exactly_one_wins()
    {
        var won = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Store.TryAcquireLeaseAsync("graph-write", $"holder-{i}", Long, Ct)));

        Assert.Equal(1, won.Count(w => w));
    }
}
