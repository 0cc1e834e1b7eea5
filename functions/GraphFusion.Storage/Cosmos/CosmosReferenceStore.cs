using System.Text.Json;
using GraphFusion.Core.References;
using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>
/// References in the state container: one item per record (ETag concurrency), and each version's entities in pages read by
/// point reads, so loading a reference needs no query and no container of its own.
/// </summary>
public sealed class CosmosReferenceStore(JsonContainer state)
{
    // Well under the 2 MB item limit, counted in UTF-16 characters of the serialized entities.
    private const int MaxPageChars = 400_000;

    public async Task<ReferenceRecord?> GetReferenceAsync(string referenceId, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Reference(referenceId);
        var item = await state.ReadAsync<ReferenceItem>(id, new PartitionKey(id), cancellationToken).ConfigureAwait(false);
        return item?.ToRecord();
    }

    public async Task<ReferenceRecord> SaveReferenceAsync(ReferenceRecord record, CancellationToken cancellationToken)
    {
        var item = ReferenceItem.From(record);
        var partitionKey = new PartitionKey(item.Id);
        var etag = record.ETag is null
            ? await state.CreateAsync(item, partitionKey, cancellationToken).ConfigureAwait(false)
            : await state.ReplaceAsync(item, item.Id, partitionKey, record.ETag, cancellationToken).ConfigureAwait(false);
        return etag is null ? throw new ConcurrencyConflictException($"reference {record.Id}") : record with { ETag = etag };
    }

    public Task DeleteReferenceAsync(string referenceId, CancellationToken cancellationToken)
    {
        var id = CosmosIds.Reference(referenceId);
        return state.DeleteAsync(id, new PartitionKey(id), ifMatch: null, cancellationToken);
    }

    public async Task<IReadOnlyList<ReferenceRecord>> ListReferencesAsync(CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = @type").WithParameter("@type", ItemTypes.Reference);
        var items = await state.QueryListAsync<ReferenceItem>(query, null, cancellationToken).ConfigureAwait(false);
        return items.Select(i => i.ToRecord()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    public async Task WriteReferenceEntitiesAsync(string referenceId, string version, IReadOnlyList<IndexedReferenceEntity> entities, CancellationToken cancellationToken)
    {
        var pages = Paginate(entities);
        for (var page = 0; page < pages.Count; page++)
        {
            var item = new ReferencePageItem { Id = CosmosIds.ReferencePage(referenceId, version, page), Entities = pages[page] };
            await state.UpsertAsync(item, new PartitionKey(item.Id), cancellationToken).ConfigureAwait(false);
        }

        // Pages past the new count are left from an earlier, larger write of this version: they go before the header says it is complete.
        await DeletePagesFromAsync(referenceId, version, pages.Count, cancellationToken).ConfigureAwait(false);
        var set = new ReferenceSetItem { Id = CosmosIds.ReferenceSet(referenceId, version), Pages = pages.Count, Entities = entities.Count };
        await state.UpsertAsync(set, new PartitionKey(set.Id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IndexedReferenceEntity>> GetReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken)
    {
        var setId = CosmosIds.ReferenceSet(referenceId, version);
        if (await state.ReadAsync<ReferenceSetItem>(setId, new PartitionKey(setId), cancellationToken).ConfigureAwait(false) is not { } set)
        {
            return [];
        }

        var entities = new List<IndexedReferenceEntity>(set.Entities);
        for (var page = 0; page < set.Pages; page++)
        {
            var id = CosmosIds.ReferencePage(referenceId, version, page);
            var item = await state.ReadAsync<ReferencePageItem>(id, new PartitionKey(id), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Page {page} of reference {referenceId} version {version} is missing.");
            entities.AddRange(item.Entities);
        }

        return entities;
    }

    public async Task DeleteReferenceEntitiesAsync(string referenceId, string version, CancellationToken cancellationToken)
    {
        var setId = CosmosIds.ReferenceSet(referenceId, version);
        await state.DeleteAsync(setId, new PartitionKey(setId), ifMatch: null, cancellationToken).ConfigureAwait(false);
        await DeletePagesFromAsync(referenceId, version, 0, cancellationToken).ConfigureAwait(false);
    }

    // Pages are numbered without gaps, so the first missing one ends the run (also after a write that stopped half way).
    private async Task DeletePagesFromAsync(string referenceId, string version, int first, CancellationToken cancellationToken)
    {
        for (var page = first; ; page++)
        {
            var id = CosmosIds.ReferencePage(referenceId, version, page);
            if (!await state.DeleteAsync(id, new PartitionKey(id), ifMatch: null, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private static List<List<IndexedReferenceEntity>> Paginate(IReadOnlyList<IndexedReferenceEntity> entities)
    {
        var pages = new List<List<IndexedReferenceEntity>>();
        var page = new List<IndexedReferenceEntity>();
        var chars = 0;
        foreach (var entity in entities)
        {
            var size = JsonSerializer.Serialize(entity, CosmosJson.Options).Length;
            if (page.Count > 0 && chars + size > MaxPageChars)
            {
                pages.Add(page);
                page = [];
                chars = 0;
            }

            page.Add(entity);
            chars += size;
        }

        if (page.Count > 0)
        {
            pages.Add(page);
        }

        return pages;
    }
}
