namespace GraphFusion.Resilience.Tests;

/// <summary>Prints a row of the resilience summary table (scenario, load/rate, result, lost) to the test output.</summary>
internal static class ScenarioTable
{
    public static void Row(ITestOutputHelper output, string scenario, string load, string result, string lost)
    {
        output.WriteLine("| Scenario | Load / rate | Result | Lost |");
        output.WriteLine("|---|---|---|---|");
        output.WriteLine($"| {scenario} | {load} | {result} | {lost} |");
    }
}
