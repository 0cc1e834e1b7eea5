using GraphFusion.Testing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GraphFusion.Resilience.Tests;

/// <summary>One Azurite and one Cosmos-compatible server for the whole assembly.</summary>
public sealed class EmulatorsFixture : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public CosmosFixture Cosmos { get; } = new();

    public async Task InitializeAsync() => await Task.WhenAll(Azurite.InitializeAsync(), Cosmos.InitializeAsync());

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        await Cosmos.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorsCollection : ICollectionFixture<EmulatorsFixture>
{
    public const string Name = "Emulators";
}
