using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Storage.Tests;

/// <summary>The behaviour every <see cref="IGraphStore"/> must have. Each test gets an empty store.</summary>
public abstract partial class GraphStoreContract : IAsyncLifetime
{
    private IGraphStore? store;

    protected static CancellationToken Ct => CancellationToken.None;

    protected IGraphStore Store => store ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A new, empty store; may be called more than once per test.</summary>
    protected abstract Task<IGraphStore> CreateStoreAsync();

    public async Task InitializeAsync() => store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    // ------------------------------------------------------------------ documents

    [Fact]
    public async Task Missing_document_is_null()
    {
        Assert.Null(await Store.GetDocumentAsync("nope", Ct));
    }

    [Fact]
    public async Task Created_document_round_trips_with_its_etag()
    {
        var saved = await Store.SaveDocumentAsync(Samples.Document("doc-1") with { Error = "none" }, Ct);

        Assert.False(string.IsNullOrEmpty(saved.ETag));
        var read = await Store.GetDocumentAsync("doc-1", Ct);
        Assert.NotNull(read);
        Assert.Equal(saved.ETag, read.ETag);
        JsonAssert.Equal(saved with { ETag = null }, read with { ETag = null });
    }

    [Fact]
    public async Task Creating_an_existing_document_conflicts()
    {
        await Store.SaveDocumentAsync(Samples.Document("doc-1"), Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.SaveDocumentAsync(Samples.Document("doc-1", "other.pdf"), Ct));
        Assert.Equal("paper.pdf", (await Store.GetDocumentAsync("doc-1", Ct))!.Name);
    }

    [Fact]
    public async Task Replacing_with_the_current_etag_succeeds_and_changes_it()
    {
        var first = await Store.SaveDocumentAsync(Samples.Document("doc-1"), Ct);

        var second = await Store.SaveDocumentAsync(first with { Status = DocumentStatus.Failed, Error = "boom" }, Ct);

        Assert.NotEqual(first.ETag, second.ETag);
        var read = (await Store.GetDocumentAsync("doc-1", Ct))!;
        Assert.Equal(DocumentStatus.Failed, read.Status);
        Assert.Equal("boom", read.Error);
        Assert.Equal(second.ETag, read.ETag);
    }

    [Fact]
    public async Task Replacing_with_a_stale_etag_conflicts()
    {
        var first = await Store.SaveDocumentAsync(Samples.Document("doc-1"), Ct);
        await Store.SaveDocumentAsync(first with { Version = "v2" }, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.SaveDocumentAsync(first with { Version = "v3" }, Ct));
        Assert.Equal("v2", (await Store.GetDocumentAsync("doc-1", Ct))!.Version);
    }

    [Fact]
    public async Task Of_concurrent_replacements_from_one_read_exactly_one_wins()
    {
        var first = await Store.SaveDocumentAsync(Samples.Document("doc-1"), Ct);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                return await Store.SaveDocumentAsync(first with { Version = $"v{i}" }, Ct);
            }
            catch (ConcurrencyConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(winner!.Version, (await Store.GetDocumentAsync("doc-1", Ct))!.Version);
    }

    [Fact]
    public async Task Replacing_a_deleted_document_conflicts()
    {
        var first = await Store.SaveDocumentAsync(Samples.Document("doc-1"), Ct);
        await Store.DeleteDocumentAsync("doc-1", Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.SaveDocumentAsync(first with { Version = "v2" }, Ct));
    }

    [Fact]
    public async Task Documents_are_listed_and_deleted()
    {
        await Store.SaveDocumentAsync(Samples.Document("a/b.pdf"), Ct);
        await Store.SaveDocumentAsync(Samples.Document("c?d#e\\f.docx"), Ct);

        var listed = await Store.ListDocumentsAsync(Ct);
        Assert.Equal(["a/b.pdf", "c?d#e\\f.docx"], listed.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(listed, d => Assert.False(string.IsNullOrEmpty(d.ETag)));

        await Store.DeleteDocumentAsync("a/b.pdf", Ct);
        await Store.DeleteDocumentAsync("never-existed", Ct);

        Assert.Equal(["c?d#e\\f.docx"], (await Store.ListDocumentsAsync(Ct)).Select(d => d.Id));
        Assert.Null(await Store.GetDocumentAsync("a/b.pdf", Ct));
    }

    // ------------------------------------------------------------------ claims

    [Fact]
    public async Task Claims_round_trip_and_writing_again_is_idempotent()
    {
        var claims = Samples.Claims("neural network", "doc-1", "neural networks",
            Samples.RelationClaim("neural network", RelationSchema.UsedFor, "image classification", "doc-1")) with
        {
            AliasKeys = ["nn"],
            LinkedEntityId = "e-1",
            LinkConfidence = 0.5,
        };

        await Store.WriteClaimsAsync("doc-1", [claims], Ct);
        await Store.WriteClaimsAsync("doc-1", [claims], Ct);

        var read = Assert.Single(await Store.GetClaimsAsync(["neural network"], Ct));
        JsonAssert.Equal(claims, read);
    }

    [Fact]
    public async Task Claims_of_every_document_are_read_for_each_key()
    {
        await Store.WriteClaimsAsync("doc-1", [Samples.Claims("lstm", "doc-1"), Samples.Claims("rnn", "doc-1")], Ct);
        await Store.WriteClaimsAsync("doc/2", [Samples.Claims("lstm", "doc/2"), Samples.Claims("c#", "doc/2")], Ct);

        var read = await Store.GetClaimsAsync(["lstm", "c#", "unknown"], Ct);

        Assert.Equal(
            ["c#|doc/2", "lstm|doc-1", "lstm|doc/2"],
            read.Select(c => $"{c.Key}|{c.DocumentId}").Order(StringComparer.Ordinal));
        Assert.Empty(await Store.GetClaimsAsync([], Ct));
    }

    [Fact]
    public async Task Deleting_claims_removes_only_that_documents_claims_on_those_keys()
    {
        await Store.WriteClaimsAsync("doc-1", [Samples.Claims("lstm", "doc-1"), Samples.Claims("rnn", "doc-1")], Ct);
        await Store.WriteClaimsAsync("doc-2", [Samples.Claims("lstm", "doc-2")], Ct);

        await Store.DeleteClaimsAsync("doc-1", ["lstm", "not-claimed"], Ct);

        var read = await Store.GetClaimsAsync(["lstm", "rnn"], Ct);
        Assert.Equal(["lstm|doc-2", "rnn|doc-1"], read.Select(c => $"{c.Key}|{c.DocumentId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Many_keys_are_read_in_one_call()
    {
        var keys = Enumerable.Range(0, 230).Select(i => $"concept {i:D3}").ToList();
        await Store.WriteClaimsAsync("doc-1", keys.Select(k => Samples.Claims(k, "doc-1")).ToList(), Ct);
        await Store.UpsertEntitiesAsync(keys.Select(k => Samples.Entity("e-" + k, k, [k])).ToList(), Ct);

        var claims = await Store.GetClaimsAsync(keys, Ct);
        var owners = await Store.GetKeyOwnersAsync(keys, Ct);

        Assert.Equal(keys, claims.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal(keys.Count, owners.Count);
        Assert.All(keys, k => Assert.Equal("e-" + k, owners[k]));
    }

    // ------------------------------------------------------------------ entities and relations

    [Fact]
    public async Task Upserted_entities_round_trip_and_own_their_keys()
    {
        var lstm = Samples.Entity("e-lstm", "long short-term memory", ["long short term memory", "lstm"], ["LSTM"], mentions: 4);
        await Store.UpsertEntitiesAsync([lstm], Ct);

        JsonAssert.Equal(lstm, await Store.GetEntityAsync("e-lstm", Ct));
        Assert.Null(await Store.GetEntityAsync("e-missing", Ct));
        var owners = await Store.GetKeyOwnersAsync(["long short term memory", "lstm", "gru"], Ct);
        Assert.Equal(2, owners.Count);
        Assert.Equal("e-lstm", owners["lstm"]);
        Assert.Equal("e-lstm", owners["long short term memory"]);

        var renamed = lstm with { Name = "LSTM network", MentionCount = 5 };
        await Store.UpsertEntitiesAsync([renamed], Ct);
        JsonAssert.Equal(renamed, await Store.GetEntityAsync("e-lstm", Ct));
    }

    [Fact]
    public async Task Upserting_another_entity_with_a_key_moves_its_ownership()
    {
        await Store.UpsertEntitiesAsync([Samples.Entity("e-1", "cnn", ["cnn"])], Ct);
        await Store.UpsertEntitiesAsync([Samples.Entity("e-2", "convolutional neural network", ["cnn", "convolutional neural network"])], Ct);

        Assert.Equal("e-2", (await Store.GetKeyOwnersAsync(["cnn"], Ct))["cnn"]);
    }

    [Fact]
    public async Task Deleting_entities_removes_their_outgoing_relations_and_the_owners_still_pointing_at_them()
    {
        await Store.UpsertEntitiesAsync(
        [
            Samples.Entity("e-old", "cnn", ["cnn", "convnet"]),
            Samples.Entity("e-task", "image classification", ["image classification"]),
            Samples.Entity("e-other", "dataset", ["dataset"]),
        ], Ct);
        await Store.ReplaceRelationsFromAsync("e-old", [Samples.Relation("e-old", "e-task")], Ct);
        await Store.ReplaceRelationsFromAsync("e-other", [Samples.Relation("e-other", "e-old", RelationSchema.EvaluateFor)], Ct);
        // "convnet" moves to a new entity before the old one is deleted.
        await Store.UpsertEntitiesAsync([Samples.Entity("e-new", "convnet", ["convnet"])], Ct);

        await Store.DeleteEntitiesAsync(["e-old", "e-never"], Ct);

        Assert.Null(await Store.GetEntityAsync("e-old", Ct));
        Assert.NotNull(await Store.GetEntityAsync("e-task", Ct));
        Assert.Empty(await Store.GetRelationsFromAsync("e-old", Ct));
        var owners = await Store.GetKeyOwnersAsync(["cnn", "convnet", "image classification"], Ct);
        Assert.False(owners.ContainsKey("cnn"));
        Assert.Equal("e-new", owners["convnet"]);
        Assert.Equal("e-task", owners["image classification"]);
        Assert.Single(await Store.GetRelationsFromAsync("e-other", Ct));
    }

    [Fact]
    public async Task Replacing_relations_from_a_head_replaces_the_whole_set()
    {
        var ab = Samples.Relation("e-a", "e-b");
        var ac = Samples.Relation("e-a", "e-c");
        var ad = Samples.Relation("e-a", "e-d");
        var ba = Samples.Relation("e-b", "e-a");
        await Store.ReplaceRelationsFromAsync("e-a", [ab, ac], Ct);
        await Store.ReplaceRelationsFromAsync("e-b", [ba], Ct);

        var acUpdated = ac with { Type = RelationSchema.PartOf, Confidence = 0.9, Evidence = [] };
        await Store.ReplaceRelationsFromAsync("e-a", [acUpdated, ad], Ct);

        var from = await Store.GetRelationsFromAsync("e-a", Ct);
        Assert.Equal(new[] { acUpdated, ad }.Select(r => r.Id).Order(StringComparer.Ordinal), from.Select(r => r.Id).Order(StringComparer.Ordinal));
        JsonAssert.Equal(acUpdated, from.Single(r => r.Id == ac.Id));
        JsonAssert.Equal(ad, from.Single(r => r.Id == ad.Id));
        Assert.Single(await Store.GetRelationsFromAsync("e-b", Ct));

        await Store.ReplaceRelationsFromAsync("e-a", [], Ct);
        Assert.Empty(await Store.GetRelationsFromAsync("e-a", Ct));
        Assert.Single(await Store.GetRelationsFromAsync("e-b", Ct));
    }

    [Fact]
    public async Task Replacing_relations_of_many_heads_in_one_call_replaces_each_whole_set_and_leaves_other_heads()
    {
        var ab = Samples.Relation("e-a", "e-b");
        var ac = Samples.Relation("e-a", "e-c");
        var ba = Samples.Relation("e-b", "e-a");
        var ca = Samples.Relation("e-c", "e-a");
        await Store.ReplaceRelationsFromAsync("e-a", [ab, ac], Ct);
        await Store.ReplaceRelationsFromAsync("e-b", [ba], Ct);
        await Store.ReplaceRelationsFromAsync("e-c", [ca], Ct);

        var abUpdated = ab with { Type = RelationSchema.PartOf, Confidence = 0.9, Inferred = true, Reasoning = "because", Evidence = [] };
        var bc = Samples.Relation("e-b", "e-c");
        var da = Samples.Relation("e-d", "e-a");
        await Store.ReplaceRelationsFromAsync(
            new Dictionary<string, IReadOnlyList<Relation>> { ["e-a"] = [abUpdated], ["e-b"] = [bc], ["e-c"] = [], ["e-d"] = [da] }, Ct);

        JsonAssert.Equal(abUpdated, Assert.Single(await Store.GetRelationsFromAsync("e-a", Ct)));
        Assert.Equal(bc.Id, Assert.Single(await Store.GetRelationsFromAsync("e-b", Ct)).Id);
        Assert.Empty(await Store.GetRelationsFromAsync("e-c", Ct));
        Assert.Equal(da.Id, Assert.Single(await Store.GetRelationsFromAsync("e-d", Ct)).Id);

        await Store.ReplaceRelationsFromAsync(new Dictionary<string, IReadOnlyList<Relation>> { ["e-d"] = [] }, Ct);
        Assert.Empty(await Store.GetRelationsFromAsync("e-d", Ct));
        Assert.Single(await Store.GetRelationsFromAsync("e-a", Ct));
    }

    [Fact]
    public async Task Relations_of_many_heads_and_many_tails_are_read_in_one_call()
    {
        await Store.ReplaceRelationsFromAsync("e-a", [Samples.Relation("e-a", "e-t"), Samples.Relation("e-a", "e-x")], Ct);
        await Store.ReplaceRelationsFromAsync("e-b", [Samples.Relation("e-b", "e-t")], Ct);
        await Store.ReplaceRelationsFromAsync("e-c", [Samples.Relation("e-c", "e-y")], Ct);

        var from = await Store.GetRelationsFromManyAsync(["e-a", "e-b", "e-a", "e-none"], Ct);
        Assert.Equal(["e-a|e-t", "e-a|e-x", "e-b|e-t"], from.Select(r => r.HeadId + "|" + r.TailId).Order(StringComparer.Ordinal));
        JsonAssert.Equal((await Store.GetRelationsFromAsync("e-a", Ct)).Single(r => r.TailId == "e-x"), from.Single(r => r.TailId == "e-x"));

        var to = await Store.GetRelationsToManyAsync(["e-t", "e-y", "e-none"], Ct);
        Assert.Equal(["e-a|e-t", "e-b|e-t", "e-c|e-y"], to.Select(r => r.HeadId + "|" + r.TailId).Order(StringComparer.Ordinal));

        Assert.Empty(await Store.GetRelationsFromManyAsync([], Ct));
        Assert.Empty(await Store.GetRelationsToManyAsync(["e-none"], Ct));
    }

    [Fact]
    public async Task Many_entities_are_read_in_one_call_and_missing_ones_are_left_out()
    {
        var entities = Enumerable.Range(0, 1_200).Select(i => Samples.Entity($"e-{i:D4}", $"concept {i}", [$"concept {i}"], mentions: i % 7 + 1)).ToList();
        await Store.UpsertEntitiesAsync(entities, Ct);

        var ids = entities.Where((_, i) => i % 2 == 0).Select(e => e.Id).Append("e-missing").Append("e-0000").ToList();
        var found = await Store.GetEntitiesAsync(ids, Ct);

        Assert.Equal(entities.Where((_, i) => i % 2 == 0).Select(e => e.Id), found.Select(e => e.Id).Order(StringComparer.Ordinal));
        JsonAssert.Equal(entities[42], found.Single(e => e.Id == entities[42].Id));
        Assert.Empty(await Store.GetEntitiesAsync([], Ct));
    }

    [Fact]
    public async Task Relations_are_found_by_their_tail()
    {
        await Store.ReplaceRelationsFromAsync("e-a", [Samples.Relation("e-a", "e-t"), Samples.Relation("e-a", "e-x")], Ct);
        await Store.ReplaceRelationsFromAsync("e-b", [Samples.Relation("e-b", "e-t")], Ct);

        var to = await Store.GetRelationsToAsync("e-t", Ct);

        Assert.Equal(["e-a", "e-b"], to.Select(r => r.HeadId).Order(StringComparer.Ordinal));
        Assert.All(to, r => Assert.Equal("e-t", r.TailId));
        Assert.Empty(await Store.GetRelationsToAsync("e-none", Ct));
    }

    [Fact]
    public async Task Entities_are_found_by_an_alias_key()
    {
        await Store.UpsertEntitiesAsync(
        [
            Samples.Entity("e-lstm", "long short-term memory", ["long short term memory", "lstm"], ["LSTM"]),
            Samples.Entity("e-gru", "gated recurrent unit", ["gated recurrent unit", "gru"], ["GRU"]),
        ], Ct);

        var byAcronym = await Store.FindEntitiesAsync("LSTMs", 10, Ct);
        var byName = await Store.FindEntitiesAsync("Long Short-Term Memory", 10, Ct);

        Assert.Equal("e-lstm", Assert.Single(byAcronym).Id);
        Assert.Equal("e-lstm", Assert.Single(byName).Id);
        Assert.Empty(await Store.FindEntitiesAsync("transformer", 10, Ct));
    }

    [Fact]
    public async Task A_blank_name_finds_nothing()
    {
        await Store.UpsertEntitiesAsync([Samples.Entity("e-lstm", "long short-term memory", ["long short term memory", "lstm"])], Ct);

        Assert.Empty(await Store.FindEntitiesAsync(" - ", 10, Ct));
    }

    [Fact]
    public async Task Prefix_matches_look_at_every_key_of_an_entity()
    {
        await Store.UpsertEntitiesAsync([Samples.Entity("e-lstm", "long short-term memory", ["long short term memory", "lstm"], ["LSTM"])], Ct);

        Assert.Equal("e-lstm", Assert.Single(await Store.FindEntitiesAsync("LST", 10, Ct)).Id);
        Assert.Equal("e-lstm", Assert.Single(await Store.FindEntitiesAsync("long short", 10, Ct)).Id);
    }

    [Fact]
    public async Task Exact_matches_come_before_prefix_matches_and_the_limit_holds()
    {
        await Store.UpsertEntitiesAsync(
        [
            Samples.Entity("e-nn", "neural network", ["neural network"], mentions: 1),
            Samples.Entity("e-nnp", "neural network pruning", ["neural network pruning"], mentions: 50),
            Samples.Entity("e-nnl", "neural network language model", ["neural network language model"], mentions: 20),
            Samples.Entity("e-cnn", "convolutional neural network", ["convolutional neural network"], mentions: 90),
        ], Ct);

        var found = await Store.FindEntitiesAsync("Neural Networks", 10, Ct);
        var limited = await Store.FindEntitiesAsync("neural network", 2, Ct);
        var byPrefix = await Store.FindEntitiesAsync("neural net", 10, Ct);

        Assert.Equal("e-nn", found[0].Id);
        Assert.Equal(["e-nn", "e-nnl", "e-nnp"], found.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, limited.Count);
        Assert.Equal("e-nn", limited[0].Id);
        Assert.Equal(["e-nn", "e-nnl", "e-nnp"], byPrefix.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Entities_and_relations_are_listed()
    {
        var entities = Enumerable.Range(0, 5).Select(i => Samples.Entity($"e-{i}", $"concept {i}", [$"concept {i}"])).ToList();
        await Store.UpsertEntitiesAsync(entities, Ct);
        await Store.ReplaceRelationsFromAsync("e-0", [Samples.Relation("e-0", "e-1"), Samples.Relation("e-0", "e-2")], Ct);
        await Store.ReplaceRelationsFromAsync("e-3", [Samples.Relation("e-3", "e-4")], Ct);

        var listedEntities = await ToListAsync(Store.ListEntitiesAsync(Ct));
        var listedRelations = await ToListAsync(Store.ListRelationsAsync(Ct));

        Assert.Equal(entities.Select(e => e.Id), listedEntities.Select(e => e.Id).Order(StringComparer.Ordinal));
        JsonAssert.Equal(entities[3], listedEntities.Single(e => e.Id == "e-3"));
        Assert.Equal(["e-0>e-1", "e-0>e-2", "e-3>e-4"], listedRelations.Select(r => $"{r.HeadId}>{r.TailId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Counts_cover_documents_entities_relations_aliases_and_evidence()
    {
        Assert.Equal(new GraphCounts(0, 0, 0, 0, 0), await Store.CountAsync(Ct));

        await Store.SaveDocumentAsync(Samples.Document("doc-1"), Ct);
        await Store.SaveDocumentAsync(Samples.Document("doc-2"), Ct);
        await Store.UpsertEntitiesAsync(
        [
            Samples.Entity("e-a", "a", ["a"], ["A", "Ay"]),
            Samples.Entity("e-b", "b", ["b"], ["B"]),
            Samples.Entity("e-c", "c", ["c"]),
        ], Ct);
        await Store.ReplaceRelationsFromAsync("e-a", [Samples.Relation("e-a", "e-b", evidence: 2), Samples.Relation("e-a", "e-c", evidence: 3)], Ct);

        Assert.Equal(new GraphCounts(2, 3, 2, 3, 5), await Store.CountAsync(Ct));
    }

    // ------------------------------------------------------------------ touch log

    [Fact]
    public async Task Touched_keys_have_stamps_that_change_on_every_touch()
    {
        await Store.MarkTouchedAsync(["lstm", "c#/f#?"], Ct);

        var first = await Store.GetTouchStampsAsync(["lstm", "c#/f#?", "untouched"], Ct);
        Assert.Equal(["c#/f#?", "lstm"], first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["c#/f#?", "lstm"], (await Store.ListTouchedAsync(10, Ct)).Order(StringComparer.Ordinal));

        await Store.MarkTouchedAsync(["lstm"], Ct);
        var second = await Store.GetTouchStampsAsync(["lstm", "c#/f#?"], Ct);
        Assert.NotEqual(first["lstm"], second["lstm"]);
        Assert.Equal(first["c#/f#?"], second["c#/f#?"]);
    }

    [Fact]
    public async Task Clearing_a_mark_needs_its_current_stamp()
    {
        await Store.MarkTouchedAsync(["lstm"], Ct);
        var stale = (await Store.GetTouchStampsAsync(["lstm"], Ct))["lstm"];
        await Store.MarkTouchedAsync(["lstm"], Ct);

        Assert.False(await Store.ClearTouchedAsync("lstm", stale, Ct));
        Assert.Equal(["lstm"], await Store.ListTouchedAsync(10, Ct));

        var current = (await Store.GetTouchStampsAsync(["lstm"], Ct))["lstm"];
        Assert.True(await Store.ClearTouchedAsync("lstm", current, Ct));
        Assert.Empty(await Store.ListTouchedAsync(10, Ct));
        Assert.Empty(await Store.GetTouchStampsAsync(["lstm"], Ct));
        Assert.False(await Store.ClearTouchedAsync("lstm", current, Ct));
    }

    [Fact]
    public async Task Listing_touched_keys_respects_the_limit()
    {
        var keys = Enumerable.Range(0, 7).Select(i => $"key {i}").ToList();
        await Store.MarkTouchedAsync(keys, Ct);

        var some = await Store.ListTouchedAsync(3, Ct);

        Assert.Equal(3, some.Count);
        Assert.Equal(3, some.Distinct().Count());
        Assert.All(some, k => Assert.Contains(k, keys));
        Assert.Equal(keys, (await Store.ListTouchedAsync(100, Ct)).Order(StringComparer.Ordinal));
    }

    // ------------------------------------------------------------------ state

    [Fact]
    public async Task State_values_are_put_read_and_overwritten()
    {
        Assert.Null(await Store.GetStateAsync("chunk/abc", Ct));

        await Store.PutStateAsync("chunk/abc", "first text", Ct);
        await Store.PutStateAsync("result:xyz", "{\"a\":1}", Ct);
        await Store.PutStateAsync("chunk/abc", "second text", Ct);

        Assert.Equal("second text", await Store.GetStateAsync("chunk/abc", Ct));
        Assert.Equal("{\"a\":1}", await Store.GetStateAsync("result:xyz", Ct));
    }

    [Fact]
    public async Task Touch_marks_and_state_values_do_not_collide()
    {
        await Store.PutStateAsync("lstm", "value", Ct);
        await Store.MarkTouchedAsync(["lstm"], Ct);

        Assert.Equal("value", await Store.GetStateAsync("lstm", Ct));
        Assert.Equal(["lstm"], await Store.ListTouchedAsync(10, Ct));
    }

    // ------------------------------------------------------------------ fusion over the store

    [Fact]
    public async Task Fusing_two_documents_then_retracting_one_leaves_the_graph_of_the_other()
    {
        await FusionScenario.IngestAsync(Store, "doc-a", FusionScenario.DocumentA, Ct);
        await FusionScenario.IngestAsync(Store, "doc-b", FusionScenario.DocumentB, Ct);

        var (entities, relations) = await FusionScenario.SnapshotAsync(Store, Ct);
        var owners = await Store.GetKeyOwnersAsync(["neural network", "image classification", "speech recognition"], Ct);
        Assert.Equal(3, entities.Count);
        Assert.Equal(entities.Select(e => e.Id), owners.Values.Order(StringComparer.Ordinal));
        var network = entities.Single(e => e.Id == owners["neural network"]);
        Assert.Equal(2, network.DocumentCount);
        Assert.Equal(2, network.MentionCount);
        Assert.Equal(["Neural Network", "neural networks"], network.Aliases.Append(network.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { $"{network.Id}>{owners["image classification"]}", $"{network.Id}>{owners["speech recognition"]}" }.Order(StringComparer.Ordinal),
            relations.Select(r => $"{r.HeadId}>{r.TailId}").Order(StringComparer.Ordinal));
        Assert.All(relations, r => Assert.Equal(RelationSchema.UsedFor, r.Type));
        Assert.Empty(await Store.ListTouchedAsync(10, Ct));
        Assert.Equal(network.Id, Assert.Single(await Store.FindEntitiesAsync("Neural Networks", 5, Ct)).Id);

        await FusionScenario.RetractAsync(Store, "doc-b", FusionScenario.DocumentB, Ct);

        var reference = await CreateStoreAsync();
        await FusionScenario.IngestAsync(reference, "doc-a", FusionScenario.DocumentA, Ct);
        var expected = await FusionScenario.SnapshotAsync(reference, Ct);
        var actual = await FusionScenario.SnapshotAsync(Store, Ct);
        Assert.Equal(2, expected.Entities.Count);
        Assert.Single(expected.Relations);
        JsonAssert.Equal(expected.Entities, actual.Entities);
        JsonAssert.Equal(expected.Relations, actual.Relations);
        Assert.Empty(await Store.GetKeyOwnersAsync(["speech recognition"], Ct));
        Assert.Empty(await Store.ListTouchedAsync(10, Ct));
        Assert.Equal(await reference.CountAsync(Ct), await Store.CountAsync(Ct) with { Documents = 0 });
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
