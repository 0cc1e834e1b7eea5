using System.CommandLine;
using GraphFusion.Cli.Serve;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion serve [--store S] [--urls URL...] [--watch DIR] [--allow-remote]</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (loopback only unless --allow-remote)", DefaultValueFactory = _ => ["http://127.0.0.1:5080"], AllowMultipleArgumentsPerToken = true };
        var watch = new Option<string?>("--watch") { Description = "Ingest new and changed files of this folder (recursively) as they appear" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = $"Allow non-loopback addresses; requests then need the key in {ServeOptions.ApiKeyVariable}" };
        var command = new Command("serve", "Serve the HTTP API and the viewer over the store; deliver events to webhooks") { store, urls, watch, allowRemote };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(watch);
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new FileNotFoundException($"{folder}: no such folder", folder);
            }

            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            var options = new ServeOptions(parse.GetValue(urls)!, folder, parse.GetValue(allowRemote)) { ApiKey = Environment.GetEnvironmentVariable(ServeOptions.ApiKeyVariable) };
            await using var host = await ServeHost.StartAsync(graph.Store, options, cancellationToken);
            Console.WriteLine($"Serving {string.Join(", ", host.Addresses)} (API under /api, viewer at /); Ctrl+C stops");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
