using System.Text;
using GraphFusion.Core.Export;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Tests.Fusion;

/// <summary>The fused graph is a function of the documents, not of the order they arrived in or of how keys were batched.</summary>
public class FusionOrderTests
{
    // Chains three and four levels deep, so that inferences reach over entities fused in other documents' rounds.
    private static readonly string[] Sentences =
    [
        "BERT is a type of transformer.", "RoBERTa is a type of BERT.", "DistilBERT is a type of BERT.",
        "Transformers are a type of neural network.", "Neural networks are a type of machine learning method.",
        "Long short-term memory (LSTM) is a type of recurrent neural network.", "Recurrent neural networks are a type of neural network.",
        "GRUs are a type of recurrent neural network.", "LSTM networks are used for speech recognition.",
        "Neural networks are used for image classification.", "Transformers are used for machine translation.",
        "Attention is part of transformers.", "Self-attention is a type of attention.", "Multi-head attention is part of self-attention.",
        "Machine learning methods are used for anomaly detection.", "BERT is used for question answering.",
        "Word embeddings are part of neural networks.", "Tokenization is a prerequisite of word embeddings.",
        "Beam search is used for machine translation.", "Convolutional neural networks are a type of neural network.",
        "Convolutional neural networks are used for object detection.", "RoBERTa outperforms BERT on question answering.",
    ];

    private static readonly IReadOnlyList<(string Id, string Text)> Documents = Build(seed: 11, count: 24);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Ingesting_documents_in_another_order_gives_the_same_graph(int shuffle)
    {
        var expected = await GraphOfAsync(Documents);
        var random = new Random(shuffle);
        var reordered = shuffle == 0 ? Documents.Reverse().ToList() : Documents.OrderBy(_ => random.Next()).ToList();

        var actual = await GraphOfAsync(reordered);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Ingesting_documents_concurrently_gives_the_graph_of_ingesting_them_one_by_one(int shuffle)
    {
        var expected = await GraphOfAsync(Documents);
        using var harness = new FusionHarness(clock: new FixedClock());
        var random = new Random(shuffle);

        await Task.WhenAll(Documents.OrderBy(_ => random.Next()).Select(d => Task.Run(() => harness.IngestAsync(d.Id, d.Text))));

        Assert.Equal(expected, await CanonicalAsync(harness));
        Assert.Empty(await harness.Store.ListTouchedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task An_acronym_keeps_its_entity_when_a_later_document_names_only_the_expansion()
    {
        using var harness = new FusionHarness(clock: new FixedClock());
        const string Expansion = "long short-term memory", Acronym = "LSTM";
        await harness.IngestClaimsAsync("doc-1", [Claim("doc-1", Expansion)]);
        await harness.IngestClaimsAsync("doc-2", [Claim("doc-2", Acronym, aliasOf: Expansion)]);
        var described = await harness.DescribeAsync();
        Assert.True(described.Entities.Count == 1, string.Join(" | ", described.Entities));

        // Names only the expansion, whose claims name no alias: nothing but the stored entity leads to the acronym.
        await harness.IngestClaimsAsync("doc-3", [Claim("doc-3", Expansion)]);

        var owners = await harness.Store.GetKeyOwnersAsync([NameNormalizer.Key(Expansion), NameNormalizer.Key(Acronym)], CancellationToken.None);
        Assert.Equal(2, owners.Count);
        Assert.Single(owners.Values.Distinct());
        var incremental = await CanonicalAsync(harness);
        await harness.Fuser.FuseGraphAsync(CancellationToken.None);
        Assert.Equal(await CanonicalAsync(harness), incremental);
    }

    [Fact]
    public async Task Relations_into_an_acronym_follow_it_when_a_better_supported_expansion_takes_it()
    {
        using var harness = new FusionHarness(clock: new FixedClock());
        const string Acronym = "MPC", First = "metric preference checklist", Better = "multi party conversation";
        string Key(string surface) => NameNormalizer.Key(surface);
        await harness.IngestClaimsAsync("doc-1", [Claim("doc-1", First, aliasOf: Acronym), Claim("doc-1", Acronym, aliasOf: First)]);
        var symmetric = Relation("doc-2", "dialogue state", "Conjunction", Acronym);
        await harness.IngestClaimsAsync("doc-2", [
            Claim("doc-2", "graph structure") with { Relations = [Relation("doc-2", "graph structure", "Part-of", Acronym)] },
            Claim("doc-2", "dialogue state") with { Relations = [symmetric] },
            Claim("doc-2", Acronym) with { Relations = [symmetric] },
        ]);
        var first = (await harness.Store.GetKeyOwnersAsync([Key(First)], CancellationToken.None))[Key(First)];
        Assert.Equal(first, (await harness.Store.GetKeyOwnersAsync([Key(Acronym)], CancellationToken.None))[Key(Acronym)]);

        // Two documents define the acronym otherwise: it moves to that expansion, and what named it must follow.
        foreach (var document in new[] { "doc-3", "doc-4" })
        {
            await harness.IngestClaimsAsync(document, [Claim(document, Better, aliasOf: Acronym), Claim(document, Acronym, aliasOf: Better)]);
        }

        var owners = await harness.Store.GetKeyOwnersAsync([Key(Acronym), Key(Better), Key(First), Key("graph structure")], CancellationToken.None);
        Assert.Equal(owners[Key(Better)], owners[Key(Acronym)]);
        Assert.Equal(first, owners[Key(First)]);
        var partOf = Assert.Single(await harness.Store.GetRelationsFromAsync(owners[Key("graph structure")], CancellationToken.None));
        Assert.Equal(owners[Key(Acronym)], partOf.TailId);
        var incremental = await CanonicalAsync(harness);
        await harness.Fuser.FuseGraphAsync(CancellationToken.None);
        Assert.Equal(await CanonicalAsync(harness), incremental);
    }

    private static RelationClaim Relation(string documentId, string head, string type, string tail) =>
        new(NameNormalizer.Key(head), type, NameNormalizer.Key(tail), head, tail, "chunk-" + documentId, 0, 10, head + " " + tail, 0.8, "test");

    private static KeyClaims Claim(string documentId, string surface, string? aliasOf = null) => new()
    {
        Key = NameNormalizer.Key(surface),
        DocumentId = documentId,
        DocumentVersion = "v1",
        ObservedAt = DateTimeOffset.UnixEpoch,
        Mentions = [new MentionClaim(surface, "Method", "chunk-" + documentId, 0, surface.Length, 0.9, "test")],
        AliasKeys = aliasOf is null ? [] : [NameNormalizer.Key(aliasOf)],
    };

    [Fact]
    public async Task Removing_documents_gives_the_graph_of_the_others()
    {
        var kept = Documents.Where((_, i) => i % 3 != 0).ToList();
        var expected = await GraphOfAsync(kept);

        var actual = await GraphOfAsync(Documents, remove: Documents.Where((_, i) => i % 3 == 0).Select(d => d.Id).ToList());

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task The_whole_graph_fused_in_one_round_equals_the_graph_fused_document_by_document()
    {
        var expected = await GraphOfAsync(Documents);
        using var harness = new FusionHarness(clock: new FixedClock());
        foreach (var (id, text) in Documents)
        {
            await harness.IngestAsync(id, text, fuse: false);
        }

        var report = await harness.Fuser.FuseGraphAsync(CancellationToken.None);

        Assert.Equal(expected, await CanonicalAsync(harness));
        Assert.Equal(1, report.Rounds);
        Assert.Empty(await harness.Store.ListTouchedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task The_whole_graph_pass_retracts_what_documents_removed_without_fusion_supported()
    {
        var kept = Documents.Where((_, i) => i % 3 != 0).ToList();
        var expected = await GraphOfAsync(kept);
        using var harness = new FusionHarness(clock: new FixedClock());
        foreach (var (id, text) in Documents)
        {
            await harness.IngestAsync(id, text);
        }

        foreach (var (id, _) in Documents.Where((_, i) => i % 3 == 0))
        {
            await harness.RemoveAsync(id, fuse: false);
        }

        await harness.Fuser.FuseGraphAsync(CancellationToken.None);

        Assert.Equal(expected, await CanonicalAsync(harness));
    }

    [Fact]
    public async Task The_whole_graph_pass_removes_an_entity_left_owning_no_key()
    {
        var expected = await GraphOfAsync(Documents);
        using var harness = new FusionHarness(clock: new FixedClock());
        foreach (var (id, text) in Documents)
        {
            await harness.IngestAsync(id, text);
        }

        // As a concurrent fuser can leave it: a stale entity whose key another entity took back since.
        var owner = (await harness.Store.GetEntitiesAsync([.. (await harness.Store.GetKeyOwnersAsync(["bert"], CancellationToken.None)).Values], CancellationToken.None))[0];
        await harness.Store.UpsertEntitiesAsync([owner with { Id = "stale", Keys = ["bert"] }], CancellationToken.None);
        await harness.Store.UpsertEntitiesAsync([owner], CancellationToken.None);
        Assert.NotNull(await harness.Store.GetEntityAsync("stale", CancellationToken.None));

        await harness.Fuser.FuseGraphAsync(CancellationToken.None);

        Assert.Null(await harness.Store.GetEntityAsync("stale", CancellationToken.None));
        Assert.Equal(expected, await CanonicalAsync(harness));
    }

    [Fact]
    public async Task The_graph_has_inferences_two_steps_deep()
    {
        using var harness = new FusionHarness(clock: new FixedClock());
        foreach (var (id, text) in Documents)
        {
            await harness.IngestAsync(id, text);
        }

        var (_, relations) = await harness.DescribeAsync();
        Assert.Contains(relations, r => r.StartsWith("RoBERTa -Hyponym-Of-> neural network", StringComparison.OrdinalIgnoreCase) && r.EndsWith("(inferred)", StringComparison.Ordinal));
    }

    private static async Task<string> GraphOfAsync(IReadOnlyList<(string Id, string Text)> documents, IReadOnlyList<string>? remove = null)
    {
        using var harness = new FusionHarness(clock: new FixedClock());
        foreach (var (id, text) in documents)
        {
            await harness.IngestAsync(id, text);
        }

        foreach (var id in remove ?? [])
        {
            await harness.RemoveAsync(id);
        }

        return await CanonicalAsync(harness);
    }

    private static async Task<string> CanonicalAsync(FusionHarness harness)
    {
        var graph = await GraphSnapshot.LoadAsync(harness.Store, CancellationToken.None);
        var canonical = graph with
        {
            Entities = [.. graph.Entities.OrderBy(e => e.Id, StringComparer.Ordinal)],
            Relations = [.. graph.Relations.OrderBy(r => r.Id, StringComparer.Ordinal)],
        };
        using var buffer = new MemoryStream();
        JsonGraphExporter.Write(canonical, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<(string, string)> Build(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => ($"doc-{i:D2}", string.Join(' ', Enumerable.Range(0, 4).Select(_ => Sentences[random.Next(Sentences.Length)]))))
            .ToList();
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
