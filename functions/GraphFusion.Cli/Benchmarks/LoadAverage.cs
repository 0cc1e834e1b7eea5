using System.Globalization;

namespace GraphFusion.Cli.Benchmarks;

/// <summary>The system load average, recorded with each measurement because other work on the machine skews throughput.</summary>
internal static class LoadAverage
{
    /// <summary>The one-minute load average from <c>/proc/loadavg</c>; 0 where it is not available.</summary>
    public static double OneMinute()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return 0;
        }

        var first = File.ReadAllText(path).Split(' ', 2)[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : 0;
    }
}
