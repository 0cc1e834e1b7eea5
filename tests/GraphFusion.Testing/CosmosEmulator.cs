using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Testing;

/// <summary>
/// A private Cosmos DB (NoSQL API) server on a free loopback port: tests/Emulators/cosmos-server.js,
/// which serves the REST API that Microsoft.Azure.Cosmos uses in Gateway mode. Data is in memory.
/// Start with <see cref="StartAsync"/>; dispose to stop it.
/// </summary>
/// <remarks>
/// Not supported by the server: transactional batch, bulk execution, DISTINCT, OFFSET/LIMIT,
/// GROUP BY, LIKE. Keep those off the paths that local tests cover.
/// </remarks>
public sealed class CosmosEmulator : IAsyncDisposable
{
    /// <summary>The well-known Cosmos DB emulator account key.</summary>
    public const string WellKnownKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private const string ReadyPrefix = "READY ";

    private readonly ChildProcess _process;

    static CosmosEmulator()
    {
        // The SDK otherwise asks the cloud VM metadata address about the machine on client creation.
        Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
    }

    private CosmosEmulator(ChildProcess process, Uri endpoint, bool useTls)
    {
        _process = process;
        Endpoint = endpoint;
        UsesTls = useTls;
    }

    /// <summary>How long to wait for the server's READY line.</summary>
    public static TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The account endpoint, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri Endpoint { get; }

    /// <summary>The account key (the well-known emulator key).</summary>
    public string Key => WellKnownKey;

    /// <summary>Whether the server speaks HTTPS (with a self-signed certificate).</summary>
    public bool UsesTls { get; }

    /// <summary>Connection string for the account.</summary>
    public string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={Key};";

    /// <summary>Installs the npm packages if needed and starts the server.</summary>
    /// <param name="port">Loopback port; null lets the operating system pick a free one.</param>
    /// <param name="useTls">Serve HTTPS with the server's self-signed certificate instead of HTTP.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<CosmosEmulator> StartAsync(int? port = null, bool useTls = false, CancellationToken cancellationToken = default)
    {
        await EmulatorPackages.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);

        var script = Path.Combine(RepoPaths.EmulatorsDirectory, "cosmos-server.js");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException("The Cosmos DB server script is missing.", script);
        }

        Exception? firstFailure = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var args = new List<string> { script, "--host", "127.0.0.1", "--port", (port ?? 0).ToString(CultureInfo.InvariantCulture) };
            if (useTls)
            {
                args.Add("--tls");
            }

            var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            ChildProcess process;
            try
            {
                process = ChildProcess.Start("node", args, RepoPaths.EmulatorsDirectory, line =>
                {
                    if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal)
                        && Uri.TryCreate(line[ReadyPrefix.Length..].Trim(), UriKind.Absolute, out var uri))
                    {
                        ready.TrySetResult(uri);
                    }
                });
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("node was not found on PATH; Node.js 20+ is needed to run the Cosmos DB server.", ex);
            }

            try
            {
                var endpoint = await WaitForReadyAsync(process, ready.Task, cancellationToken).ConfigureAwait(false);
                return new CosmosEmulator(process, endpoint, useTls);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await process.DisposeAsync().ConfigureAwait(false);
                if (attempt == 0)
                {
                    firstFailure = ex;
                    continue;
                }

                throw new InvalidOperationException(
                    $"The Cosmos DB server did not start (two attempts).\nFirst attempt: {firstFailure?.Message}\nSecond attempt: {ex.Message}", ex);
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// A client for this server: Gateway mode, limited to <see cref="Endpoint"/>, System.Text.Json with
    /// web defaults (camelCase), and an HTTP stack that refuses any host but loopback.
    /// </summary>
    /// <param name="configure">Adjusts the options (e.g. the serializer) before the client is made.</param>
    public CosmosClient CreateClient(Action<CosmosClientOptions>? configure = null)
    {
        var options = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            AllowBulkExecution = false,
            RequestTimeout = TimeSpan.FromSeconds(30),
            MaxRetryAttemptsOnRateLimitedRequests = 3,
            UseSystemTextJsonSerializerWithOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web),
            HttpClientFactory = CreateHttpClient,
        };
        configure?.Invoke(options);
        return new CosmosClient(Endpoint.ToString(), Key, options);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private HttpClient CreateHttpClient()
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 64,
            UseProxy = false,
        };
        if (UsesTls)
        {
            sockets.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        return new HttpClient(new LoopbackOnlyHandler(sockets), disposeHandler: true);
    }

    private static async Task<Uri> WaitForReadyAsync(ChildProcess process, Task<Uri> ready, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartupTimeout);
        try
        {
            while (!ready.IsCompleted)
            {
                if (process.HasExited)
                {
                    // Let the output readers catch up so the READY line or the error is not lost.
                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                    if (ready.IsCompleted)
                    {
                        break;
                    }

                    throw new InvalidOperationException($"The Cosmos DB server exited before it was ready. {process.Describe()}");
                }

                await Task.WhenAny(ready, Task.Delay(100, timeout.Token)).ConfigureAwait(false);
                timeout.Token.ThrowIfCancellationRequested();
            }

            return await ready.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The Cosmos DB server printed no READY line within {StartupTimeout.TotalSeconds:0} s. {process.Describe()}");
        }
    }

    /// <summary>Fails any request that is not for a loopback address.</summary>
    private sealed class LoopbackOnlyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri;
            if (uri is null || !IsLoopback(uri))
            {
                throw new HttpRequestException($"Blocked a request to a non-loopback address: {uri}");
            }

            return base.SendAsync(request, cancellationToken);
        }

        private static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
