using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GraphFusion.Testing;

namespace GraphFusion.Emulators.Tests;

public sealed class InfrastructureTests
{
    [Fact]
    public void RepoRoot_holds_Directory_Build_props_and_the_emulators()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, "Directory.Build.props")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.EmulatorsDirectory, "package-lock.json")));
        Assert.Equal(
            Path.GetFullPath(Path.Combine(RepoPaths.RepoRoot, "..", "shared", "datasets")),
            RepoPaths.SharedDatasets);
    }

    [Fact]
    public void DatasetFact_skips_when_the_dataset_is_absent()
    {
        var attribute = new DatasetFactAttribute($"no-such-dataset-{Guid.NewGuid():N}");
        Assert.NotNull(attribute.Skip);
        Assert.Contains("no-such-dataset-", attribute.Skip, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureInstalled_is_idempotent()
    {
        await EmulatorPackages.EnsureInstalledAsync();
        await EmulatorPackages.EnsureInstalledAsync();
        Assert.True(Directory.Exists(Path.Combine(EmulatorPackages.NodeModulesDirectory, "azurite")));
    }

    [Fact]
    public async Task Disposing_emulators_stops_them()
    {
        var azurite = await AzuriteEmulator.StartAsync();
        var blobPort = azurite.BlobPort;
        var location = azurite.Location;
        Assert.True(await AcceptsAsync(blobPort));
        await azurite.DisposeAsync();
        Assert.False(await AcceptsAsync(blobPort));
        Assert.False(Directory.Exists(location));

        var cosmos = await CosmosEmulator.StartAsync();
        var cosmosPort = cosmos.Endpoint.Port;
        Assert.True(await AcceptsAsync(cosmosPort));
        await cosmos.DisposeAsync();
        Assert.False(await AcceptsAsync(cosmosPort));
    }

    [Fact]
    public async Task Cosmos_server_exits_when_its_stdin_closes()
    {
        await EmulatorPackages.EnsureInstalledAsync();
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.EmulatorsDirectory,
        };
        psi.ArgumentList.Add("cosmos-server.js");
        psi.ArgumentList.Add("--port");
        psi.ArgumentList.Add("0");

        using var process = Process.Start(psi)!;
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("READY http://127.0.0.1:", ready, StringComparison.Ordinal);

            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Cosmos_server_over_tls_works_with_the_sdk()
    {
        await using var cosmos = await CosmosEmulator.StartAsync(useTls: true);
        Assert.Equal("https", cosmos.Endpoint.Scheme);
        using var client = cosmos.CreateClient();
        var db = await client.CreateDatabaseIfNotExistsAsync("tls");
        Assert.Equal(HttpStatusCode.Created, db.StatusCode);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
