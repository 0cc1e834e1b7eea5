using GraphFusion.Core.Storage;
using GraphFusion.Storage.Cosmos.Items;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>Small named values in the state container.</summary>
public sealed class CosmosStateStore(JsonContainer state) : IStateStore
{
    public async Task<string?> GetStateAsync(string id, CancellationToken cancellationToken)
    {
        var itemId = CosmosIds.StateValue(id);
        var item = await state.ReadAsync<StateValueItem>(itemId, new PartitionKey(itemId), cancellationToken).ConfigureAwait(false);
        return item?.Value;
    }

    public Task PutStateAsync(string id, string value, CancellationToken cancellationToken)
    {
        var item = StateValueItem.For(id, value);
        return state.UpsertAsync(item, new PartitionKey(item.Id), cancellationToken);
    }
}
