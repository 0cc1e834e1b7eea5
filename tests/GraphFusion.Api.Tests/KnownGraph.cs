using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Sqlite;

namespace GraphFusion.Api.Tests;

/// <summary>
/// A small graph written straight into a SQLite store:
/// lstm -Hyponym-Of-> rnn -Used-for-> speech; transformer -Compare-> lstm; transformer -Used-for-> translation;
/// bert -Hyponym-Of-> transformer; island (no relations).
/// </summary>
internal sealed class KnownGraph : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"gf-api-{Guid.NewGuid():N}");

    public KnownGraph()
    {
        Directory.CreateDirectory(root);
        Store = new SqliteGraphStore(Path.Combine(root, "graph.db"));
    }

    public SqliteGraphStore Store { get; }

    public string Folder => root;

    public static Entity E(string id, string name, params string[] aliases) =>
        new() { Id = id, Name = name, Type = "Method", Aliases = aliases, Keys = [.. aliases.Prepend(name).Select(Core.Linking.NameNormalizer.Key).Distinct()], MentionCount = 2, DocumentCount = 1 };

    public static Relation R(string head, string type, string tail) => new()
    {
        Id = $"r-{head}-{tail}",
        HeadId = head,
        Type = type,
        TailId = tail,
        Confidence = 0.8,
        Evidence = [new Evidence("d-doc1", "c1", 0, 20, $"{head} {type} {tail}, with \"quotes\", commas and\nnewlines", type, 0.8, "test")],
    };

    public async Task<KnownGraph> BuildAsync()
    {
        await Store.SaveDocumentAsync(new DocumentRecord { Id = "d-doc1", Name = "docs/one.md", Status = DocumentStatus.Ingested }, CancellationToken.None);
        await Store.UpsertEntitiesAsync(
        [
            E("lstm", "long short-term memory", "LSTM"),
            E("rnn", "recurrent neural network", "RNN"),
            E("speech", "speech recognition"),
            E("transformer", "Transformer"),
            E("translation", "machine translation"),
            E("bert", "BERT"),
            E("island", "=SUM(A1) island, \"quoted\""),
        ], CancellationToken.None);
        await Store.ReplaceRelationsFromAsync("lstm", [R("lstm", "Hyponym-Of", "rnn")], CancellationToken.None);
        await Store.ReplaceRelationsFromAsync("rnn", [R("rnn", "Used-for", "speech")], CancellationToken.None);
        await Store.ReplaceRelationsFromAsync("transformer", [R("transformer", "Compare", "lstm"), R("transformer", "Used-for", "translation")], CancellationToken.None);
        await Store.ReplaceRelationsFromAsync("bert", [R("bert", "Hyponym-Of", "transformer")], CancellationToken.None);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
