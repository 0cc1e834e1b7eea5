using GraphFusion.Core.Embeddings;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.References;

/// <summary>
/// The linker over every reference indexed in the store. Built once and kept while the set of references and their versions
/// stays the same, so a document costs one small listing, not a rebuild; a new, replaced or removed reference rebuilds it.
/// When two references use the same entity id, the one whose name sorts first keeps it. With an <paramref name="embedder"/>
/// the linker also retrieves embedding candidates: it uses the embeddings stored at index time and embeds the entities
/// stored without one (or with one of another length, from another model).
/// </summary>
public sealed class StoredReferenceLinker(IReferenceStore store, ReferenceLinkerOptions? options = null, ITextEmbedder? embedder = null)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Key, ReferenceLinker? Linker) current = ("", null);

    /// <summary>How many times the linker was built (for tests and diagnostics).</summary>
    public int Builds { get; private set; }

    /// <returns>The linker, or null when no reference is indexed.</returns>
    public async Task<ReferenceLinker?> GetAsync(CancellationToken cancellationToken)
    {
        var references = (await store.ListReferencesAsync(cancellationToken))
            .Where(r => r.Version.Length > 0)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var key = string.Join('\n', references.Select(r => $"{r.Id}:{r.Version}"));
        var cached = current;
        if (cached.Key == key)
        {
            return cached.Linker;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current.Key == key)
            {
                return current.Linker;
            }

            var stored = new List<IndexedReferenceEntity>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var reference in references)
            {
                foreach (var entity in await store.GetReferenceEntitiesAsync(reference.Id, reference.Version, cancellationToken))
                {
                    if (ids.Add(entity.Id))
                    {
                        stored.Add(entity);
                    }
                }
            }

            var linker = stored.Count == 0 ? null : new ReferenceLinker(await BuildIndexAsync(stored, cancellationToken), options, embedder);
            current = (key, linker);
            Builds++;
            return linker;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ReferenceIndex> BuildIndexAsync(IReadOnlyList<IndexedReferenceEntity> stored, CancellationToken cancellationToken)
    {
        var entities = stored.Select(e => e.ToEntity()).ToList();
        if (embedder is null)
        {
            return ReferenceIndex.Build(entities);
        }

        var vectors = stored.Select(e => e.Embedding?.Length == embedder.Dimensions ? e.Embedding : null).ToArray();
        var missing = Enumerable.Range(0, vectors.Length).Where(i => vectors[i] is null).ToList();
        if (missing.Count > 0)
        {
            var embedded = await embedder.EmbedAsync([.. missing.Select(i => ReferenceEmbeddingText.Of(entities[i]))], cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                vectors[missing[i]] = embedded[i];
            }
        }

        return ReferenceIndex.Build(entities, vectors!);
    }
}
