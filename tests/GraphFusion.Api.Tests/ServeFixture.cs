using GraphFusion.Cli.Serve;

namespace GraphFusion.Api.Tests;

/// <summary><c>graphfusion serve</c> in this process on 127.0.0.1:0 over the known graph, with an HTTP client for it.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    private readonly KnownGraph graph = new();
    private ServeHost? host;

    public HttpClient Client { get; private set; } = new();

    public async Task InitializeAsync()
    {
        await graph.BuildAsync();
        host = await ServeHost.StartAsync(graph.Store, new ServeOptions(["http://127.0.0.1:0"]), CancellationToken.None);
        Client = new HttpClient { BaseAddress = new Uri(host.Addresses.First()) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        graph.Dispose();
    }
}
