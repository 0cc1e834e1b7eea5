using System.Globalization;
using System.Text.RegularExpressions;

namespace GraphFusion.Testing;

/// <summary>
/// A small French and English graph pair in the DBP15K layout where names mislead (Londres is closer to Londrina than to
/// London) and structure or a chat model decides, with an informed model's answers to alignment prompts.
/// </summary>
public static partial class AlignmentToyGraphs
{
    /// <summary>Left (French) entities; relation 0 is "capital of", 1 "flows through", 2 "country".</summary>
    public static readonly string[] LeftEntities =
        ["0\tLondres", "1\tParis", "2\tRoyaume-Uni", "3\tFrance", "4\tAllemagne", "5\tBerlin", "6\tTamise", "7\tLyon"];

    /// <summary>Left triples, head, relation and tail ids.</summary>
    public static readonly string[] LeftTriples = ["0\t0\t2", "1\t0\t3", "5\t0\t4", "6\t1\t0", "7\t2\t3"];

    /// <summary>Right (English) entities, with look-alikes of the left names.</summary>
    public static readonly string[] RightEntities =
        ["10\tLondon", "11\tLondrina", "12\tParis", "13\tUnited Kingdom", "14\tFrance", "15\tGermany", "16\tBerlin", "17\tThames", "18\tBrazil", "19\tLyon", "20\tLyons Falls"];

    /// <summary>Right triples.</summary>
    public static readonly string[] RightTriples = ["10\t0\t13", "12\t0\t14", "16\t0\t15", "17\t1\t10", "11\t2\t18", "19\t2\t14", "20\t2\t13"];

    /// <summary>Known pairs, left id and right id.</summary>
    public static readonly string[] Seeds = ["1\t12", "3\t14", "4\t15", "5\t16"];

    /// <summary>What an informed model answers: left name to the right name it denotes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Truth = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Londres"] = "London",
        ["Royaume-Uni"] = "United Kingdom",
        ["Tamise"] = "Thames",
        ["Lyon"] = "Lyon",
    };

    /// <summary>Writes <c>left/</c>, <c>right/</c> (ent_ids with URIs, triples) and <c>seeds.tsv</c> under <paramref name="folder"/>.</summary>
    public static void WriteTo(string folder)
    {
        Write(folder, "left", LeftEntities, LeftTriples);
        Write(folder, "right", RightEntities, RightTriples);
        File.WriteAllLines(Path.Combine(folder, "seeds.tsv"), Seeds);
    }

    /// <summary>Writes one graph folder: ent_ids with <c>http://example.org/{name}/…</c> URIs, and triples.</summary>
    public static void Write(string root, string name, string[] entities, string[] triples)
    {
        var path = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        File.WriteAllLines(Path.Combine(path, "ent_ids"), entities.Select(e => e.Split('\t') is var f ? $"{f[0]}\thttp://example.org/{name}/{f[1].Replace(' ', '_')}" : e));
        File.WriteAllLines(Path.Combine(path, "triples"), triples);
    }

    /// <summary>The informed model's answer to an alignment prompt: the position of the right name, or 0 when it is not shown.</summary>
    public static string InformedAnswer(string prompt)
    {
        var candidates = CandidateNames(prompt);
        return Truth.TryGetValue(LeftName(prompt), out var name) && candidates.IndexOf(name) is >= 0 and var position
            ? (position + 1).ToString(CultureInfo.InvariantCulture)
            : "0";
    }

    /// <summary>The left entity an alignment prompt asks about.</summary>
    public static string LeftName(string prompt) => EntityLine().Match(prompt).Groups[1].Value.Trim();

    /// <summary>The candidates an alignment prompt shows, in their order.</summary>
    public static List<string> CandidateNames(string prompt) => [.. CandidateLine().Matches(prompt).Select(m => m.Groups[1].Value.Trim())];

    /// <summary>The name of an entity id in one of the entity lists.</summary>
    public static string Name(string[] entities, string id) => entities.Single(e => e.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t')[1];

    /// <summary>Written pairs (left id, right id, score lines) as left name to right name.</summary>
    public static Dictionary<string, string> ReadPairs(string path) =>
        File.ReadAllLines(path).Select(l => l.Split('\t')).ToDictionary(f => Name(LeftEntities, f[0]), f => Name(RightEntities, f[1]), StringComparer.Ordinal);

    [GeneratedRegex(@"^Entity: ([^(\n]+)", RegexOptions.Multiline)]
    private static partial Regex EntityLine();

    [GeneratedRegex(@"^\d+\. ([^(\n]+)", RegexOptions.Multiline)]
    private static partial Regex CandidateLine();
}
