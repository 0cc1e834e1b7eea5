using System.Text;
using GraphFusion.Cli;
using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Export;
using GraphFusion.Core.Extraction;
using GraphFusion.Core.Fusion.LinkPrediction;
using GraphFusion.Core.Pipeline;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Workflows.Tests;

/// <summary>A temporary folder of documents and a store, run through the real orchestrations in the in-process host.</summary>
internal sealed class Workspace : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"gf-wf-{Guid.NewGuid():N}");
    private readonly LinkPredictionOptions? linkPrediction;
    private readonly ITextEmbedder? embedder;

    public Workspace(LinkPredictionOptions? linkPrediction = null, ITextEmbedder? embedder = null)
    {
        this.linkPrediction = linkPrediction;
        this.embedder = embedder;
        Directory.CreateDirectory(Documents);
        Directory.CreateDirectory(References);
        Store = new SqliteGraphStore(Path.Combine(root, "graph.db"));
    }

    public string Documents => Path.Combine(root, "docs");

    public string References => Path.Combine(root, "refs");

    public SqliteGraphStore Store { get; }

    public string WriteReference(string name, string text)
    {
        var path = Path.Combine(References, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public Task<IReadOnlyList<IndexReferenceOutcome>> IndexReferencesAsync(params string[] paths) =>
        new LocalPipelineRunner(Store, new StatisticalExtractor(), embedder: embedder).IndexReferencesAsync(paths, CancellationToken.None);

    public Task RefuseAsync() => new LocalPipelineRunner(Store, new StatisticalExtractor()).RefuseAsync(CancellationToken.None);

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Documents, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public Task<IReadOnlyList<IngestOutcome>> IngestAsync(ITripletExtractor? extractor = null) =>
        new LocalPipelineRunner(Store, extractor ?? new StatisticalExtractor(), linkPrediction: linkPrediction, embedder: embedder)
            .IngestAsync(Directory.GetFiles(Documents).Order(StringComparer.Ordinal).ToList(), null, CancellationToken.None);

    public Task RemoveAsync(string path) =>
        new LocalPipelineRunner(Store, new StatisticalExtractor(), linkPrediction: linkPrediction).RemoveAsync([DocumentIds.For(path)], CancellationToken.None);

    /// <summary>The graph by names: comparable across stores whatever the ids.</summary>
    public async Task<string> DescribeAsync()
    {
        var graph = await GraphSnapshot.LoadAsync(Store, CancellationToken.None);
        var names = graph.Entities.ToDictionary(e => e.Id, e => e.Name);
        var lines = graph.Entities.Select(e => $"E {e.Name} | {e.Type} | {string.Join(",", e.Aliases)}")
            .Concat(graph.Relations.Select(r => $"R {names[r.HeadId]} -{r.Type}-> {names[r.TailId]} | {r.Evidence.Count}"))
            .Order(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
