using Microsoft.Azure.Cosmos;
using Xunit;

namespace GraphFusion.Testing;

/// <summary>
/// One Azurite instance shared by the test classes of a collection.
/// </summary>
/// <remarks>
/// xUnit only reads collection definitions from the test assembly itself, so each test project declares:
/// <code>
/// [CollectionDefinition(AzuriteFixture.CollectionName)]
/// public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;
/// </code>
/// and marks its classes with <c>[Collection(AzuriteFixture.CollectionName)]</c>.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The collection name to use with <c>[CollectionDefinition]</c> and <c>[Collection]</c>.</summary>
    public const string CollectionName = "Azurite";

    private AzuriteEmulator? _emulator;

    /// <summary>The running emulator.</summary>
    public AzuriteEmulator Emulator => _emulator ?? throw new InvalidOperationException("The fixture has not been initialized.");

    /// <summary>Connection string of the running emulator.</summary>
    public string ConnectionString => Emulator.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _emulator = await AzuriteEmulator.StartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// One Cosmos DB server (and one client for it) shared by the test classes of a collection.
/// </summary>
/// <remarks>
/// xUnit only reads collection definitions from the test assembly itself, so each test project declares:
/// <code>
/// [CollectionDefinition(CosmosFixture.CollectionName)]
/// public sealed class CosmosCollection : ICollectionFixture&lt;CosmosFixture&gt;;
/// </code>
/// and marks its classes with <c>[Collection(CosmosFixture.CollectionName)]</c>. Use a unique database
/// name per test class (e.g. <see cref="UniqueName"/>) since the server is shared.
/// </remarks>
public sealed class CosmosFixture : IAsyncLifetime
{
    /// <summary>The collection name to use with <c>[CollectionDefinition]</c> and <c>[Collection]</c>.</summary>
    public const string CollectionName = "Cosmos";

    private CosmosEmulator? _emulator;
    private CosmosClient? _client;

    /// <summary>The running server.</summary>
    public CosmosEmulator Emulator => _emulator ?? throw new InvalidOperationException("The fixture has not been initialized.");

    /// <summary>A shared client made by <see cref="CosmosEmulator.CreateClient"/>.</summary>
    public CosmosClient Client => _client ?? throw new InvalidOperationException("The fixture has not been initialized.");

    /// <summary>A name with the given prefix that no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 255)];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _emulator = await CosmosEmulator.StartAsync().ConfigureAwait(false);
        _client = _emulator.CreateClient();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
