using System.CommandLine;

namespace GraphFusion.Cli.Commands;

internal static class CommonOptions
{
    public static Option<string?> Store() => new("--store")
    {
        Description = $"Graph store: sqlite:PATH (default sqlite:{StoreLocation.DefaultPath}) or cosmos:ENDPOINT",
    };
}
