using GraphFusion.Core.Chunking;
using GraphFusion.Core.Export;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion;
using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Core.Fusion.Matching;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Linking;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Core.Tests.Fusion;

/// <summary>Drives the real extraction, linking and fusion steps over a temporary SQLite store, without the orchestration.</summary>
internal sealed class FusionHarness : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"gf-{Guid.NewGuid():N}.db");
    private readonly StatisticalExtractor extractor = new();
    private readonly TimeProvider clock;

    /// <param name="withVerdicts">Apply judges' verdicts on contested pairs, kept in the store.</param>
    /// <param name="clock">The linker's clock (claims' observation time); the system clock when null.</param>
    public FusionHarness(bool withVerdicts = false, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        Store = new SqliteGraphStore(path);
        Verdicts = new RelationVerdicts(Store);
        Fuser = new GraphFuser(Store, new RelationResolver(RelationSchema.Graphusion), new FusionOptions(), new ClusterMerger(EntityMatcher.Default), withVerdicts ? Verdicts : null);
    }

    public SqliteGraphStore Store { get; }

    public RelationVerdicts Verdicts { get; }

    public GraphFuser Fuser { get; }

    /// <param name="fuse">Fuse the document's keys now (as ingestion does); otherwise they stay touched.</param>
    public async Task IngestAsync(string documentId, string text, bool fuse = true)
    {
        var chunks = Chunker.Default.Split(text);
        var extractions = await extractor.ExtractAsync(chunks.Select(c => new ChunkInput(c.Id, c.Text)).ToList(), CancellationToken.None);
        var linker = new MentionLinker(RelationSchema.Graphusion, Store, clock);
        var claims = await linker.LinkAsync(new LinkingInput(documentId, "v1", extractions, chunks.ToDictionary(c => c.Id, c => c.Text)), CancellationToken.None);
        await IngestClaimsAsync(documentId, claims, fuse);
    }

    /// <summary>Stores a document's claims as the pipeline does, then fuses the keys they touch.</summary>
    public async Task IngestClaimsAsync(string documentId, IReadOnlyList<KeyClaims> claims, bool fuse = true)
    {
        var previous = await Store.GetDocumentAsync(documentId, CancellationToken.None);
        var keys = claims.Select(c => c.Key).ToList();
        var removed = (previous?.Keys ?? []).Except(keys).ToList();
        await Store.WriteClaimsAsync(documentId, claims, CancellationToken.None);
        await Store.DeleteClaimsAsync(documentId, removed, CancellationToken.None);
        await Store.SaveDocumentAsync((previous ?? new DocumentRecord { Id = documentId, Name = documentId }) with { Keys = keys }, CancellationToken.None);
        await Store.MarkTouchedAsync(keys.Concat(removed).ToList(), CancellationToken.None);
        if (fuse)
        {
            await Fuser.FuseAsync(keys.Concat(removed).ToList(), CancellationToken.None);
        }
    }

    /// <param name="fuse">Fuse the document's keys now; otherwise only its claims go (its keys are not even marked touched).</param>
    public async Task RemoveAsync(string documentId, bool fuse = true)
    {
        var record = await Store.GetDocumentAsync(documentId, CancellationToken.None) ?? throw new InvalidOperationException(documentId);
        await Store.DeleteClaimsAsync(documentId, record.Keys, CancellationToken.None);
        await Store.DeleteDocumentAsync(documentId, CancellationToken.None);
        if (fuse)
        {
            await Fuser.FuseAsync(record.Keys, CancellationToken.None);
        }
    }

    /// <summary>Fuses every key marked touched, as the scheduled pass does.</summary>
    public async Task FuseTouchedAsync()
    {
        while (await Store.ListTouchedAsync(500, CancellationToken.None) is { Count: > 0 } keys)
        {
            await Fuser.FuseAsync(keys, CancellationToken.None);
        }
    }

    /// <summary>The graph by names, independent of ids and storage order: entities with aliases, relations as name triplets.</summary>
    public async Task<(List<string> Entities, List<string> Relations)> DescribeAsync()
    {
        var graph = await GraphSnapshot.LoadAsync(Store, CancellationToken.None);
        var names = graph.Entities.ToDictionary(e => e.Id, e => e.Name);
        var entities = graph.Entities.Select(e => $"{e.Name} [{string.Join(", ", e.Aliases)}] {e.Type}").Order(StringComparer.Ordinal).ToList();
        var relations = graph.Relations.Select(r => $"{names[r.HeadId]} -{r.Type}-> {names[r.TailId]}{(r.Inferred ? " (inferred)" : "")}").Order(StringComparer.Ordinal).ToList();
        return (entities, relations);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
