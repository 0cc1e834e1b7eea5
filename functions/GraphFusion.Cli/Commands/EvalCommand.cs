using System.CommandLine;

namespace GraphFusion.Cli.Commands;

/// <summary><c>graphfusion eval ...</c>: quality measurements on labelled data. Each subcommand is listed here.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Measure quality on labelled data")
    {
        MatchingCommands.EvalMatching(),
        AlignmentCommands.EvalAlignment(),
        ExtractorCommands.EvalExtraction(),
        SeedCommands.EvalSeeds(),
        LinkingCommands.EvalLinking(),
        LinkPredictionCommands.EvalLinkPrediction(),
    };
}
