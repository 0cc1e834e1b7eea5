namespace GraphFusion.Core.References;

/// <summary>A reference file that cannot be read; the message names the file and the 1-based line.</summary>
public sealed class ReferenceFormatException : FormatException
{
    public ReferenceFormatException(string path, int line, string problem)
        : base($"{path}:{line}: {problem}")
    {
        Path = path;
        Line = line;
    }

    public ReferenceFormatException()
    {
        Path = "";
    }

    public ReferenceFormatException(string message)
        : base(message)
    {
        Path = "";
    }

    public ReferenceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The 1-based line, or 0 when the problem is not on one line.</summary>
    public int Line { get; }
}
