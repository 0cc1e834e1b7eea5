using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace GraphFusion.Storage.Tests;

public sealed class SqliteGraphStoreTests : GraphStoreContract
{
    private readonly string directory = Directory.CreateTempSubdirectory("graphfusion-sqlite-").FullName;
    private int stores;

    protected override Task<IGraphStore> CreateStoreAsync() =>
        Task.FromResult<IGraphStore>(new SqliteGraphStore(Path.Combine(directory, $"graph-{++stores}.db")));

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open is left to the temp folder's cleanup.
        }

        return Task.CompletedTask;
    }
}
