using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.Pipeline;
using GraphFusion.Core.Storage;

namespace GraphFusion.Cli.Commands;

/// <summary>
/// <c>graphfusion fuse --triples FILE</c>: imports (head, relation, tail) triplets produced elsewhere as one document,
/// through the same linking and fusion as ingested documents, so re-importing a file replaces its earlier contribution.
/// </summary>
internal static class FuseCommand
{
    public static Command Create()
    {
        var triples = new Option<string>("--triples")
        {
            Description = "Triplets, one a line: (head, relation, tail), head<TAB>relation<TAB>tail, or JSON {\"head\",\"relation\",\"tail\"}",
            Required = true,
        };
        var store = CommonOptions.Store();
        var output = new Option<string?>("--out") { Description = "Also write the fused graph to this file" };
        var format = new Option<string>("--format") { Description = "json, graphml or html (with --out)", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong(GraphExport.Formats);
        var batch = new Option<int>("--batch") { Description = "Lines per chunk of evidence", DefaultValueFactory = _ => 500 };
        var command = new Command("fuse", "Fuse triplets produced elsewhere into the graph") { triples, store, output, format, batch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(triples)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"--triples '{path}' does not exist");
            }

            var stopwatch = Stopwatch.StartNew();
            await using var graph = new StoreHandle(await StoreLocation.OpenAsync(parse.GetValue(store), cancellationToken));
            var import = TripleFile.Read(path, RelationSchema.Graphusion, Math.Max(1, parse.GetValue(batch)));
            var report = await ImportAsync(graph.Store, Path.GetFullPath(path), import, cancellationToken);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"Read {import.Lines} lines: {import.Accepted} triplets, {import.UnknownRelation} with an unknown relation dropped, {import.Unparsed} not understood."));
            foreach (var (relation, count) in import.UnknownRelations.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Take(10))
            {
                Console.WriteLine(string.Create(c, $"  unknown relation '{relation}': {count}"));
            }

            Console.WriteLine(string.Create(c, $"Fused {report.KeysFused} keys: {report.EntitiesWritten} entities written, {report.EntitiesDeleted} removed, {report.RelationsWritten} relations ({stopwatch.Elapsed.TotalSeconds:F1} s)."));
            if (parse.GetValue(output) is { } outPath)
            {
                await GraphExport.WriteAsync(graph.Store, parse.GetValue(format)!, outPath, cancellationToken);
                Console.WriteLine($"Wrote {Path.GetFullPath(outPath)}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>Links the import's extractions into claims of one document, swaps them for its previous claims and fuses the touched keys.</summary>
    internal static async Task<FusionReport> ImportAsync(IGraphStore store, string documentName, TripleImport import, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.For(documentName);
        var linker = new MentionLinker(RelationSchema.Graphusion, store, TimeProvider.System);
        var claims = await linker.LinkAsync(new LinkingInput(documentId, import.Version, import.Extractions, import.ChunkTexts), cancellationToken);
        var existing = await store.GetDocumentAsync(documentId, cancellationToken);
        var keys = claims.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var removed = (existing?.Keys ?? []).Where(k => !keys.Contains(k)).ToList();
        await store.WriteClaimsAsync(documentId, claims, cancellationToken);
        await store.DeleteClaimsAsync(documentId, removed, cancellationToken);
        var touched = keys.Concat(removed).Order(StringComparer.Ordinal).ToList();
        await store.MarkTouchedAsync(touched, cancellationToken);
        await DocumentRecords.UpdateAsync(store, documentId, documentName, r => r with
        {
            Version = import.Version,
            Status = DocumentStatus.Ingested,
            Error = null,
            Keys = keys.Order(StringComparer.Ordinal).ToList(),
            ChunkCount = import.Extractions.Count,
            MentionCount = claims.Sum(c => c.Mentions.Count),
            RelationClaimCount = claims.Sum(c => c.Relations.Count),
            UpdatedAt = DateTimeOffset.UtcNow,
        }, cancellationToken);
        var fuser = new GraphFuser(store, new RelationResolver(RelationSchema.Graphusion), new FusionOptions());
        return await fuser.FuseAsync(touched, cancellationToken);
    }
}

/// <summary>The triplets of a file as chunk extractions (one chunk per batch of lines), with what could not be imported.</summary>
internal sealed record TripleImport(
    string Version,
    IReadOnlyList<ChunkExtraction> Extractions,
    IReadOnlyDictionary<string, string> ChunkTexts,
    int Lines,
    int Accepted,
    int UnknownRelation,
    int Unparsed,
    IReadOnlyDictionary<string, int> UnknownRelations);

/// <summary>Parses triplet lines in the three formats LLM pipelines commonly print, mapping relation names onto the schema.</summary>
internal static partial class TripleFile
{
    public static TripleImport Read(string path, RelationSchema schema, int batchLines)
    {
        var bytes = File.ReadAllBytes(path);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        return Parse(lines, schema, batchLines, "import:" + Path.GetFileName(path), StableId.ContentHash(bytes));
    }

    public static TripleImport Parse(IReadOnlyList<string> lines, RelationSchema schema, int batchLines, string extractor, string version)
    {
        var relations = RelationNames(schema);
        var extractions = new List<ChunkExtraction>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        int accepted = 0, unknownCount = 0, unparsed = 0, nonEmpty = 0;
        for (var start = 0; start < lines.Count; start += batchLines)
        {
            var chunkId = StableId.Of("c-", version, start.ToString(CultureInfo.InvariantCulture));
            var text = new StringBuilder();
            var triplets = new List<ExtractedTriplet>();
            foreach (var line in lines.Skip(start).Take(batchLines))
            {
                var offset = text.Length;
                text.Append(line).Append('\n');
                if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                nonEmpty++;
                var found = ParseLine(line).ToList();
                if (found.Count == 0)
                {
                    unparsed++;
                }

                foreach (var (head, relation, tail, confidence) in found)
                {
                    if (!relations.TryGetValue(Fold(relation), out var type))
                    {
                        unknownCount++;
                        unknown[relation.Trim()] = unknown.GetValueOrDefault(relation.Trim()) + 1;
                        continue;
                    }

                    if (head.Length == 0 || tail.Length == 0)
                    {
                        unparsed++;
                        continue;
                    }

                    triplets.Add(new ExtractedTriplet(head, type, tail, offset, offset + line.Length, confidence));
                    accepted++;
                }
            }

            if (triplets.Count > 0)
            {
                extractions.Add(new ChunkExtraction(chunkId, extractor, [], triplets, []));
                texts[chunkId] = text.ToString();
            }
        }

        return new TripleImport(version, extractions, texts, nonEmpty, accepted, unknownCount, unparsed, unknown);
    }

    /// <summary>Schema names folded (case, hyphens, spaces, underscores), with the usual short forms.</summary>
    private static Dictionary<string, string> RelationNames(RelationSchema schema)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in schema.Types)
        {
            var folded = Fold(type.Name);
            names[folded] = type.Name;
            if (folded.StartsWith("isa", StringComparison.Ordinal))
            {
                names[folded[3..]] = type.Name;
            }
        }

        return names;
    }

    private static string Fold(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    internal static IEnumerable<(string Head, string Relation, string Tail, double Confidence)> ParseLine(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.StartsWith('{'))
        {
            var json = ParseJson(trimmed);
            return json is null ? [] : [json.Value];
        }

        var tabs = trimmed.Split('\t');
        if (tabs.Length >= 3)
        {
            return [(Clean(tabs[0]), tabs[1].Trim(), Clean(tabs[2]), ReadConfidence(tabs.Length > 3 ? tabs[3] : null))];
        }

        return Tuple().Matches(trimmed).Select(m => SplitTuple(m.Groups[1].Value)).Where(t => t is not null).Select(t => t!.Value);
    }

    private static (string, string, string, double)? ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? Get(string name) => document.RootElement.EnumerateObject()
                .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.ToString())
                .FirstOrDefault();
            var (head, relation, tail) = (Get("head"), Get("relation") ?? Get("type"), Get("tail"));
            return head is null || relation is null || tail is null ? null : (Clean(head), relation.Trim(), Clean(tail), ReadConfidence(Get("confidence")));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // "(transformer, Used-for, machine translation)"; a head or tail may itself contain commas, the relation never does.
    private static (string, string, string, double)? SplitTuple(string inner)
    {
        var parts = inner.Split(',');
        if (parts.Length < 3)
        {
            return null;
        }

        var relationIndex = parts.Length == 3 ? 1 : Array.FindIndex(parts, 1, parts.Length - 2, p => Fold(p).Length > 0 && IsRelationLike(p));
        if (relationIndex < 1)
        {
            relationIndex = 1;
        }

        return (Clean(string.Join(',', parts[..relationIndex])), parts[relationIndex].Trim().Trim('"', '\''), Clean(string.Join(',', parts[(relationIndex + 1)..])), 1.0);
    }

    private static bool IsRelationLike(string part) => RelationNames(RelationSchema.Graphusion).ContainsKey(Fold(part));

    private static double ReadConfidence(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c is > 0 and <= 1 ? c : 1.0;

    private static string Clean(string value) => value.Trim().Trim('"', '\'', '`').Trim();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex Tuple();
}
