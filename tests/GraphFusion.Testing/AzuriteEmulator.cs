using System.Globalization;

namespace GraphFusion.Testing;

/// <summary>
/// A private Azurite instance (blob, queue, table) on free loopback ports with its data in a
/// temporary folder. Start with <see cref="StartAsync"/>; dispose to stop it and delete its data.
/// </summary>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    /// <summary>The well-known development storage account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known development storage account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process;

    private AzuriteEmulator(ChildProcess process, string location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>How long to wait for Azurite to accept connections.</summary>
    public static TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The temporary folder holding this instance's data.</summary>
    public string Location { get; }

    /// <summary>Blob service port on 127.0.0.1.</summary>
    public int BlobPort { get; }

    /// <summary>Queue service port on 127.0.0.1.</summary>
    public int QueuePort { get; }

    /// <summary>Table service port on 127.0.0.1.</summary>
    public int TablePort { get; }

    /// <summary>http://127.0.0.1:BLOBPORT/devstoreaccount1</summary>
    public Uri BlobEndpoint => ServiceUri(BlobPort);

    /// <summary>http://127.0.0.1:QUEUEPORT/devstoreaccount1</summary>
    public Uri QueueEndpoint => ServiceUri(QueuePort);

    /// <summary>http://127.0.0.1:TABLEPORT/devstoreaccount1</summary>
    public Uri TableEndpoint => ServiceUri(TablePort);

    /// <summary>Connection string for the development account with explicit endpoints.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;" +
        $"AccountName={AccountName};" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};" +
        $"QueueEndpoint={QueueEndpoint};" +
        $"TableEndpoint={TableEndpoint};";

    /// <summary>Installs the npm packages if needed and starts Azurite.</summary>
    public static async Task<AzuriteEmulator> StartAsync(CancellationToken cancellationToken = default)
    {
        await EmulatorPackages.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);

        var bin = Path.Combine(EmulatorPackages.NodeModulesDirectory, ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(bin))
        {
            throw new FileNotFoundException("Azurite is not installed.", bin);
        }

        Exception? firstFailure = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var location = Directory.CreateTempSubdirectory("graphfusion-azurite-").FullName;
            var ports = LoopbackPorts.Free(3);
            string[] args =
            [
                "--silent",
                "--location", location,
                "--disableTelemetry",
                "--skipApiVersionCheck",
                "--loose",
                "--blobHost", "127.0.0.1",
                "--queueHost", "127.0.0.1",
                "--tableHost", "127.0.0.1",
                "--blobPort", Port(ports[0]),
                "--queuePort", Port(ports[1]),
                "--tablePort", Port(ports[2]),
            ];

            var process = ChildProcess.Start(bin, args, RepoPaths.EmulatorsDirectory);
            var emulator = new AzuriteEmulator(process, location, ports[0], ports[1], ports[2]);
            try
            {
                await emulator.WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
                return emulator;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
                if (attempt == 0)
                {
                    // Most likely another process took one of the ports: try once more with new ones.
                    firstFailure = ex;
                    continue;
                }

                throw new InvalidOperationException(
                    $"Azurite did not start (two attempts).\nFirst attempt: {firstFailure?.Message}\nSecond attempt: {ex.Message}", ex);
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        for (var i = 0; i < 5 && Directory.Exists(Location); i++)
        {
            try
            {
                Directory.Delete(Location, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartupTimeout);
        var pending = new List<int> { BlobPort, QueuePort, TablePort };
        try
        {
            while (pending.Count > 0)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"Azurite exited before listening on ports {BlobPort}/{QueuePort}/{TablePort}. {_process.Describe()}");
                }

                if (await LoopbackPorts.AcceptsAsync(pending[0], timeout.Token).ConfigureAwait(false))
                {
                    pending.RemoveAt(0);
                    continue;
                }

                await Task.Delay(100, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Azurite did not accept connections on 127.0.0.1:{pending[0]} within {StartupTimeout.TotalSeconds:0} s. {_process.Describe()}");
        }
    }

    private static Uri ServiceUri(int port) => new($"http://127.0.0.1:{Port(port)}/{AccountName}");

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
