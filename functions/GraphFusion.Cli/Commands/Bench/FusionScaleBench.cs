using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GraphFusion.Cli.Benchmarks;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Matching;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Storage;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Cli.Commands.Bench;

/// <summary>One fusion pass over synthetic claim graphs of growing size, on the embedded store.</summary>
internal static class FusionScaleBench
{
    public sealed record SizeResult(
        int Entities, int Keys, int Claims, int Documents, double WriteSeconds, double FuseSeconds, long PeakRssBytes, long PeakAnonBytes,
        int FusedEntities, int FusedRelations, IReadOnlyList<(string Operation, double Seconds, long Calls)> StoreTime, string? Skipped)
    {
        /// <summary>SHA-256 of every fused entity and relation (stored JSON, by id): equal digests mean identical graphs.</summary>
        public string? GraphDigest { get; init; }
    }

    public static async Task<BenchSection> RunAsync(BenchSettings settings, IReadOnlyList<int>? sizes, double maxSeconds, int batch, CancellationToken cancellationToken)
    {
        var section = new BenchSection("fusion-scale");
        sizes ??= settings.Quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
        var results = new List<SizeResult>();
        var folder = Path.Combine(Path.GetTempPath(), $"graphfusion-bench-fusion-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var size in sizes)
            {
                if (results.LastOrDefault(r => r.Skipped is null) is { } previous
                    && (previous.WriteSeconds + previous.FuseSeconds) * size / previous.Entities > maxSeconds)
                {
                    var projected = (previous.WriteSeconds + previous.FuseSeconds) * size / previous.Entities;
                    results.Add(new SizeResult(size, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], $"skipped: linear projection from {previous.Entities:N0} is {projected:F0} s, over --max-seconds {maxSeconds:F0}"));
                    settings.Log($"fusion-scale {size:N0}: {results[^1].Skipped}");
                    continue;
                }

                var runs = new List<SizeResult>();
                for (var run = 0; run < (size <= 10_000 ? settings.Runs : 1); run++)
                {
                    runs.Add(await RunSizeAsync(size, Path.Combine(folder, $"{size}-{run}.db"), batch, settings, cancellationToken));
                }

                var fuse = Stat.Of(runs.Select(r => r.FuseSeconds));
                var median = runs.OrderBy(r => r.FuseSeconds).ElementAt(runs.Count / 2);
                results.Add(median);
                section.Metrics.Add(new Metric($"fusion pass, {size:N0} entities", "s", fuse));
                section.Metrics.Add(new Metric($"claim writes, {size:N0} entities", "s", Stat.Of(runs.Select(r => r.WriteSeconds))));
                section.Metrics.Add(new Metric($"peak RSS, {size:N0} entities", "MB", Stat.Of(runs.Select(r => r.PeakRssBytes / 1e6))));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        section.Data["sizes"] = results.Select(r => new
        {
            r.Entities,
            r.Keys,
            r.Claims,
            r.Documents,
            r.WriteSeconds,
            r.FuseSeconds,
            r.PeakRssBytes,
            r.PeakAnonBytes,
            r.FusedEntities,
            r.FusedRelations,
            r.GraphDigest,
            r.Skipped,
            StoreTime = r.StoreTime.Select(t => new { t.Operation, t.Seconds, t.Calls }),
        }).ToList();

        var measured = results.Where(r => r.Skipped is null).ToList();
        for (var i = 1; i < measured.Count; i++)
        {
            var (a, b) = (measured[i - 1], measured[i]);
            var sizeRatio = (double)b.Entities / a.Entities;
            var timeRatio = b.FuseSeconds / Math.Max(a.FuseSeconds, 1e-9);

            // Allowed: linear growth times 4 per 10x in size (scaled to the actual size ratio).
            var allowed = sizeRatio * Math.Pow(4, Math.Log10(sizeRatio));
            section.Guards.Add(new Guard(
                $"fusion time {a.Entities:N0} → {b.Entities:N0} entities grows at most 4x faster than linear per 10x",
                timeRatio <= allowed,
                $"time x{timeRatio:F1} for size x{sizeRatio:F0} (allowed x{allowed:F0})"));
        }

        var target = measured.FirstOrDefault(r => r.Entities == 100_000);
        section.Data["target100kSeconds"] = 60;
        var markdown = new StringBuilder();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"""
            Synthetic claim graphs: every entity has a two- or three-word name mentioned in one to three documents under noisy
            surface forms (case, plural, hyphenation), one in five has an acronym defined next to its expansion in one document
            and used alone in another, and each entity states about three relations to other entities. Claims are written
            to a fresh SQLite store (one transaction per document) and their keys marked touched, then one fusion pass runs
            `GraphFuser` over every key: {(batch == 0 ? "the global pass (`FuseGraphAsync`: the whole graph in one round, as `fuse --triples` and `refuse --all` run it)" : string.Create(CultureInfo.InvariantCulture, $"in batches of {batch:N0} keys, each with its neighbours and alias clusters loaded and its dependents re-fused, as the scheduled pass runs on touched keys"))}.
            Peak RSS is the process high-water mark during the fusion pass. Target: 100,000 entities fused in at most 60 s.

            | entities | keys | claims | documents | write claims (s) | fusion pass (s) | entities/s fused | peak RSS (MB) | fused entities | fused relations |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            """);
        foreach (var r in results)
        {
            markdown.AppendLine(r.Skipped is not null
                ? $"| {r.Entities:N0} | | | | | {r.Skipped} | | | | |"
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Entities:N0} | {r.Keys:N0} | {r.Claims:N0} | {r.Documents:N0} | {r.WriteSeconds:F1} | {r.FuseSeconds:F1} | {r.Entities / r.FuseSeconds:F0} | {r.PeakRssBytes / 1e6:F0} | {r.FusedEntities:N0} | {r.FusedRelations:N0} |"));
        }

        if (measured.Count > 0)
        {
            var largest = measured[^1];
            markdown.AppendLine();
            markdown.AppendLine(CultureInfo.InvariantCulture, $"Where the fusion pass spends its time at {largest.Entities:N0} entities (store calls, measured around each call; the rest is in-memory clustering and resolution):");
            markdown.AppendLine();
            markdown.AppendLine("| store operation | calls | time (s) | share of the pass |");
            markdown.AppendLine("|---|---:|---:|---:|");
            foreach (var (operation, seconds, calls) in largest.StoreTime.Take(8))
            {
                markdown.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {calls:N0} | {seconds:F2} | {100 * seconds / largest.FuseSeconds:F0}% |");
            }

            var storeTotal = largest.StoreTime.Sum(t => t.Seconds);
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| (outside the store) | | {largest.FuseSeconds - storeTotal:F2} | {100 * (largest.FuseSeconds - storeTotal) / largest.FuseSeconds:F0}% |");
        }

        if (target is not null)
        {
            markdown.AppendLine();
            markdown.AppendLine(CultureInfo.InvariantCulture, $"100,000 entities: {target.FuseSeconds:F1} s against the 60 s target ({(target.FuseSeconds <= 60 ? "met" : "not met")}).");
        }

        section.Markdown = markdown.ToString();
        section.Plots["fusion-scale.svg"] = Svg.LogLog(
            "Fusion pass time by graph size (log-log)", "entities", "seconds",
            [
                ("fusion pass", measured.Select(r => ((double)r.Entities, r.FuseSeconds)).ToList()),
                ("claim writes", measured.Select(r => ((double)r.Entities, r.WriteSeconds)).ToList()),
            ]);
        return section;
    }

    private static async Task<SizeResult> RunSizeAsync(int size, string path, int batch, BenchSettings settings, CancellationToken cancellationToken)
    {
        var store = new SqliteGraphStore(path);
        SyntheticClaims? corpus = SyntheticClaims.Generate(size, seed: 42);
        var write = Stopwatch.StartNew();
        foreach (var (documentId, claims) in corpus.Documents)
        {
            await store.WriteClaimsAsync(documentId, claims, cancellationToken);
        }

        // As linking does: the keys with new claims are marked touched.
        await store.MarkTouchedAsync(corpus.Keys, cancellationToken);

        write.Stop();
        settings.Log($"fusion-scale {size:N0}: wrote {corpus.ClaimCount:N0} claims of {corpus.Documents.Count:N0} documents in {write.Elapsed.TotalSeconds:F1} s");
        var (keys, claimCount, documentCount) = (corpus.Keys, corpus.ClaimCount, corpus.Documents.Count);
        corpus = null;

        var timed = new TimingGraphStore(store);
        var fuser = new GraphFuser(timed, new RelationResolver(RelationSchema.Graphusion), new FusionOptions(), new ClusterMerger(EntityMatcher.Default));
        using var memory = PeakMemory.Start();
        var fuse = Stopwatch.StartNew();
        var lastLog = Stopwatch.StartNew();
        if (batch == 0)
        {
            await fuser.FuseGraphAsync(cancellationToken);
        }
        else
        {
            for (var start = 0; start < keys.Count; start += batch)
            {
                await fuser.FuseAsync(keys.Skip(start).Take(batch).ToList(), cancellationToken);
                if (lastLog.Elapsed > TimeSpan.FromSeconds(10))
                {
                    settings.Log($"fusion-scale {size:N0}: {Math.Min(start + batch, keys.Count):N0}/{keys.Count:N0} keys fused, {fuse.Elapsed.TotalSeconds:F0} s");
                    lastLog.Restart();
                }
            }
        }

        fuse.Stop();
        var (peakRss, peakAnon) = memory.Stop();
        var counts = await store.CountAsync(cancellationToken);
        var digest = await DigestAsync(store, cancellationToken);
        settings.Log($"fusion-scale {size:N0}: fused {keys.Count:N0} keys into {counts.Entities:N0} entities and {counts.Relations:N0} relations in {fuse.Elapsed.TotalSeconds:F1} s (graph sha256 {digest})");
        return new SizeResult(
            size, keys.Count, claimCount, documentCount, write.Elapsed.TotalSeconds, fuse.Elapsed.TotalSeconds, peakRss, peakAnon, counts.Entities, counts.Relations, timed.Totals, null)
        {
            GraphDigest = digest,
        };
    }

    private static async Task<string> DigestAsync(SqliteGraphStore store, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await foreach (var entity in store.ListEntitiesAsync(cancellationToken))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(StoreJson.Serialize(entity) + "\n"));
        }

        await foreach (var relation in store.ListRelationsAsync(cancellationToken))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(StoreJson.Serialize(relation) + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Claims of a synthetic corpus with realistic alias noise, deterministic for a seed.</summary>
internal sealed class SyntheticClaims
{
    private const int MentionsPerDocument = 8;
    private const int RelationsPerEntity = 3;

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "pe", "da", "gu", "fi", "ho", "ze", "bra", "tri", "ven", "mor", "sil", "dex",
        "qua", "ler", "nor", "pha", "ti", "co", "sem", "lin", "gra", "tor", "ax", "ul", "om", "ep", "ir", "ca", "ren", "dal", "fo", "wu",
    ];

    private static readonly string[] HeadNouns =
    [
        "network", "model", "parser", "encoder", "tagger", "metric", "dataset", "task", "method", "classifier", "graph", "embedding",
        "decoder", "benchmark", "algorithm", "representation", "framework", "objective", "corpus", "architecture",
    ];

    private static readonly string[] Types = ["Method", "Task", "Metric", "Material", "OtherScientificTerm"];

    private static readonly string[] RelationTypes =
        [RelationSchema.UsedFor, RelationSchema.PartOf, RelationSchema.HyponymOf, RelationSchema.EvaluateFor, RelationSchema.PrerequisiteOf];

    private SyntheticClaims(List<(string, IReadOnlyList<KeyClaims>)> documents, List<string> keys, int claimCount)
    {
        Documents = documents;
        Keys = keys;
        ClaimCount = claimCount;
    }

    public IReadOnlyList<(string DocumentId, IReadOnlyList<KeyClaims> Claims)> Documents { get; }

    /// <summary>Every claimed key, sorted.</summary>
    public IReadOnlyList<string> Keys { get; }

    public int ClaimCount { get; }

    public static int CountDocuments(int entities) => Math.Max(1, entities * 2 / MentionsPerDocument);

    public static SyntheticClaims Generate(int entities, int seed)
    {
        var random = new Random(seed);
        var documentCount = CountDocuments(entities);
        var documents = new Dictionary<string, KeyClaims>[documentCount];
        for (var i = 0; i < documentCount; i++)
        {
            documents[i] = new Dictionary<string, KeyClaims>(StringComparer.Ordinal);
        }

        var observed = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var words = new string[entities][];
        for (var e = 0; e < entities; e++)
        {
            words[e] = Words(e);
        }

        var keyOf = words.Select(w => NameNormalizer.Key(string.Join(' ', w))).ToArray();
        var entityDocs = new List<int>[entities];
        for (var e = 0; e < entities; e++)
        {
            var type = Types[e % Types.Length];
            var mentions = 1 + random.Next(3);
            entityDocs[e] = [];
            for (var m = 0; m < mentions; m++)
            {
                var doc = random.Next(documentCount);
                entityDocs[e].Add(doc);
                var surface = Variant(words[e], random);
                Add(documents[doc], keyOf[e], $"doc-{doc}", observed, new MentionClaim(surface, type, $"c{doc}", 0, surface.Length, 0.8, "synthetic"), null, null);
            }

            if (e % 5 == 0)
            {
                // "recurrent graph network (RGN7)": the acronym is defined once and used alone elsewhere.
                var acronym = Acronym(words[e], e);
                var acronymKey = NameNormalizer.Key(acronym);
                var defining = entityDocs[e][0];
                Add(documents[defining], acronymKey, $"doc-{defining}", observed, new MentionClaim(acronym, type, $"c{defining}", 0, acronym.Length, 0.8, "synthetic"), null, keyOf[e]);
                Add(documents[defining], keyOf[e], $"doc-{defining}", observed, null, null, acronymKey);
                var other = random.Next(documentCount);
                Add(documents[other], acronymKey, $"doc-{other}", observed, new MentionClaim(acronym, type, $"c{other}", 0, acronym.Length, 0.7, "synthetic"), null, null);
            }
        }

        for (var e = 0; e < entities && entities > 1; e++)
        {
            for (var r = 0; r < RelationsPerEntity; r++)
            {
                var tail = random.Next(entities - 1);
                tail = tail >= e ? tail + 1 : tail;
                var doc = entityDocs[e][random.Next(entityDocs[e].Count)];
                var type = RelationTypes[random.Next(RelationTypes.Length)];
                var head = string.Join(' ', words[e]);
                var tailName = string.Join(' ', words[tail]);
                var claim = new RelationClaim(keyOf[e], type, keyOf[tail], head, tailName, $"c{doc}", 0, head.Length + tailName.Length + 10, $"{head} ... {tailName}", 0.7, "synthetic");
                Add(documents[doc], keyOf[e], $"doc-{doc}", observed, null, claim, null);
            }
        }

        var list = documents.Select((d, i) => ($"doc-{i}", (IReadOnlyList<KeyClaims>)[.. d.Values])).Where(d => d.Item2.Count > 0).ToList();
        var keys = list.SelectMany(d => d.Item2.Select(c => c.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new SyntheticClaims(list, keys, list.Sum(d => d.Item2.Count));
    }

    private static void Add(Dictionary<string, KeyClaims> document, string key, string documentId, DateTimeOffset observed, MentionClaim? mention, RelationClaim? relation, string? alias)
    {
        var claims = document.GetValueOrDefault(key) ?? new KeyClaims { Key = key, DocumentId = documentId, DocumentVersion = "v1", ObservedAt = observed };
        document[key] = claims with
        {
            Mentions = mention is null ? claims.Mentions : [.. claims.Mentions, mention],
            Relations = relation is null ? claims.Relations : [.. claims.Relations, relation],
            AliasKeys = alias is null || claims.AliasKeys.Contains(alias) ? claims.AliasKeys : [.. claims.AliasKeys, alias],
        };
    }

    private static string[] Words(int e)
    {
        var vocabulary = Syllables.Length * Syllables.Length;
        string Word(int n) => Syllables[n % Syllables.Length] + Syllables[n / Syllables.Length % Syllables.Length] + (n % 3 == 0 ? "l" : "");
        var first = Word(e % vocabulary);
        var second = Word((e / vocabulary * 7 + e) % vocabulary);
        var noun = HeadNouns[e / vocabulary % HeadNouns.Length];
        var extra = e / vocabulary / HeadNouns.Length;
        return extra == 0 ? [first, second, noun] : [first, Word(extra % vocabulary), second, noun];
    }

    private static string Variant(string[] words, Random random)
    {
        var text = string.Join(' ', words);
        return random.Next(6) switch
        {
            0 => text,
            1 => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text),
            2 => text + "s",
            3 => words[0] + "-" + string.Join(' ', words[1..]),
            4 => char.ToUpperInvariant(text[0]) + text[1..] + "s",
            _ => text.ToUpperInvariant()[..1] + text[1..],
        };
    }

    private static string Acronym(string[] words, int e)
    {
        var letters = new StringBuilder();
        foreach (var word in words)
        {
            letters.Append(char.ToUpperInvariant(word[0]));
        }

        // A letter suffix keeps synthetic acronyms unique, as the expansions are.
        for (var n = e; n > 0; n /= 26)
        {
            letters.Append((char)('A' + (n % 26)));
        }

        return letters.ToString();
    }
}
