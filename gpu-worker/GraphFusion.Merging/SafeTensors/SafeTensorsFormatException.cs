namespace GraphFusion.Merging.SafeTensors;

/// <summary>A safetensors file (or shard index) is malformed. The message names the file and the problem.</summary>
public sealed class SafeTensorsFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public SafeTensorsFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The offending file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
