using GraphFusion.Core.Seeds;
using GraphFusion.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GraphFusion.Storage.Cosmos;

/// <summary>
/// Seed models in the state container. A model's JSON is larger than one item may be (2 MB), so it is written
/// in parts under a fresh generation id, then a manifest naming that generation is switched over to them;
/// readers follow the manifest, so they see the old model or the new one. The previous generation's parts are
/// deleted afterwards.
/// </summary>
public sealed class CosmosSeedModelStore(JsonContainer state, int partLength = CosmosSeedModelStore.DefaultPartLength) : ISeedModelStore
{
    /// <summary>Characters per part: well under the item limit even when every character takes several bytes.</summary>
    public const int DefaultPartLength = 400_000;

    private readonly CosmosStateStore values = new(state);

    public async Task<StoredSeedModel?> GetSeedModelAsync(string name, CancellationToken cancellationToken)
    {
        var manifestJson = await values.GetStateAsync(ManifestId(name), cancellationToken).ConfigureAwait(false);
        if (manifestJson is null)
        {
            return null;
        }

        var manifest = StoreJson.Deserialize<SeedModelManifest>(manifestJson);
        var parts = new string[manifest.Parts];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = await values.GetStateAsync(PartId(name, manifest.Generation, i), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Seed model {name}: part {i} of generation {manifest.Generation} is missing.");
        }

        return StoreJson.Deserialize<StoredSeedModel>(string.Concat(parts));
    }

    public async Task SaveSeedModelAsync(StoredSeedModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var json = StoreJson.Serialize(model);
        var previous = await values.GetStateAsync(ManifestId(model.Name), cancellationToken).ConfigureAwait(false) is { } old
            ? StoreJson.Deserialize<SeedModelManifest>(old)
            : null;
        var manifest = new SeedModelManifest(Guid.NewGuid().ToString("N"), (json.Length + partLength - 1) / partLength);
        await Concurrently.ForEachAsync(Enumerable.Range(0, manifest.Parts), 8, (i, ct) =>
            values.PutStateAsync(PartId(model.Name, manifest.Generation, i), json.Substring(i * partLength, Math.Min(partLength, json.Length - (i * partLength))), ct),
            cancellationToken).ConfigureAwait(false);
        await values.PutStateAsync(ManifestId(model.Name), StoreJson.Serialize(manifest), cancellationToken).ConfigureAwait(false);
        if (previous is not null)
        {
            for (var i = 0; i < previous.Parts; i++)
            {
                var id = CosmosIds.StateValue(PartId(model.Name, previous.Generation, i));
                await state.DeleteAsync(id, new PartitionKey(id), null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string ManifestId(string name) => $"seed-model/{name}";

    private static string PartId(string name, string generation, int part) => $"seed-model/{name}/{generation}/{part}";

    private sealed record SeedModelManifest(string Generation, int Parts);
}
