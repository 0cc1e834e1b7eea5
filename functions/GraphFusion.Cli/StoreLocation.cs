using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Cli;

/// <summary>Parses <c>--store</c>: <c>sqlite:PATH</c> (the default, <c>.graphfusion/graph.db</c>) or <c>cosmos:ENDPOINT</c>.</summary>
public static class StoreLocation
{
    public const string DefaultPath = ".graphfusion/graph.db";

    public static async Task<IGraphStore> OpenAsync(string? location, CancellationToken cancellationToken)
    {
        location ??= "sqlite:" + DefaultPath;
        if (location.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = location["sqlite:".Length..];
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("--store sqlite: needs a file path, for example sqlite:graph.db");
            }

            return await SqliteGraphStore.OpenAsync(path, cancellationToken);
        }

        if (location.StartsWith("cosmos:", StringComparison.OrdinalIgnoreCase))
        {
            return await CosmosStoreLocation.OpenAsync(location["cosmos:".Length..], cancellationToken);
        }

        throw new ArgumentException($"--store '{location}' is not understood: use sqlite:PATH or cosmos:ENDPOINT");
    }
}
