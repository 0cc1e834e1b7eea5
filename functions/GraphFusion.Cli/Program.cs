using System.CommandLine;
using GraphFusion.Cli.Commands;

var root = new RootCommand("graphfusion: documents in, a knowledge graph out")
{
    IngestCommand.Create(),
    ExportCommand.Create(),
    MaintenanceCommands.Remove(),
    MaintenanceCommands.Refuse(),
    MaintenanceCommands.Status(),
    MaintenanceCommands.Show(),
    EvalCommand.Create(),
    FuseCommand.Create(),
    AlignmentCommands.Align(),
    AlignmentCommands.AlignJob(),
    ExtractorCommands.Train(),
    SeedCommands.Seeds(),
    ServeCommand.Create(),
    MergeCommand.Create(),
    BenchCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync();
}
catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or NotSupportedException)
{
    Console.Error.WriteLine($"graphfusion: {ex.Message}");
    return 2;
}
