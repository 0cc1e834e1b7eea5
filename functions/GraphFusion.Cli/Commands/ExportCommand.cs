using System.CommandLine;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion export --format json|graphml|html --out FILE</c>.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var format = new Option<string>("--format") { Description = "json, graphml or html", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong(GraphExport.Formats);
        var output = new Option<string>("--out") { Description = "File to write", Required = true };
        var command = new Command("export", "Export the graph") { store, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            await GraphExport.WriteAsync(graph.Store, parse.GetValue(format)!, parse.GetValue(output)!, cancellationToken);
            Console.WriteLine($"Wrote {Path.GetFullPath(parse.GetValue(output)!)}");
            return 0;
        });
        return command;
    }
}
