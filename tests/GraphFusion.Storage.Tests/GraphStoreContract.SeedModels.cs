using GraphFusion.Core.Seeds;

namespace GraphFusion.Storage.Tests;

/// <summary>Seed models: stored whole whatever their size, replaced whole.</summary>
public abstract partial class GraphStoreContract
{
    [Fact]
    public async Task Missing_seed_model_is_null()
    {
        Assert.Null(await Store.GetSeedModelAsync("corpus", Ct));
    }

    [Fact]
    public async Task A_seed_model_larger_than_an_item_round_trips()
    {
        var model = SeedModelSample("corpus", documents: 400, phrasesPerDocument: 300);
        Assert.True(StoreJson.Serialize(model).Length > 2_500_000);

        await Store.SaveSeedModelAsync(model, Ct);

        JsonAssert.Equal(model, await Store.GetSeedModelAsync("corpus", Ct));
    }

    [Fact]
    public async Task Saving_a_seed_model_again_replaces_it_and_leaves_other_names_alone()
    {
        var other = SeedModelSample("other", documents: 2, phrasesPerDocument: 2);
        await Store.SaveSeedModelAsync(other, Ct);
        await Store.SaveSeedModelAsync(SeedModelSample("corpus", documents: 300, phrasesPerDocument: 300), Ct);
        var smaller = SeedModelSample("corpus", documents: 3, phrasesPerDocument: 5);

        await Store.SaveSeedModelAsync(smaller, Ct);

        JsonAssert.Equal(smaller, await Store.GetSeedModelAsync("corpus", Ct));
        JsonAssert.Equal(other, await Store.GetSeedModelAsync("other", Ct));
    }

    protected static StoredSeedModel SeedModelSample(string name, int documents, int phrasesPerDocument)
    {
        var seedDocuments = Enumerable.Range(0, documents)
            .Select(d => new SeedDocument(d, d % 3, Enumerable.Range(0, phrasesPerDocument).ToDictionary(p => $"phrase {d} {p} é", p => p + 1)))
            .ToArray();
        var clusters = Enumerable.Range(0, 3)
            .Select(c => new SeedCluster(c, [.. seedDocuments.Where(d => d.Cluster == c).Select(d => d.Index)], [0.25f * c, -1.5f, 3f], 10 + c,
                [new ClusterPhrase($"topic {c}", 0.125 * (c + 1), 4, [c])]))
            .ToArray();
        var model = new SeedModel
        {
            Options = new SeedModelOptions { DistanceThreshold = 0.45 },
            Documents = seedDocuments,
            Clusters = clusters,
            PhraseFrequencies = new Dictionary<string, int> { ["topic 0"] = 4, ["topic 1"] = 5 },
            DocumentFrequencies = new Dictionary<string, int> { ["topic 0"] = 2, ["topic 1"] = 3 },
            Surfaces = new Dictionary<string, string> { ["topic 0"] = "Topic 0", ["topic 1"] = "Topic-1" },
        };
        return new StoredSeedModel
        {
            Name = name,
            DocumentHashes = [.. seedDocuments.Select(d => $"hash-{d.Index}")],
            Model = model,
            Seeds =
            [
                new SeedConcept("My concept", "my concept", SeedSource.User, 0, [], [], "from the user"),
                new SeedConcept("Topic 0", "topic 0", SeedSource.TopicModel, 1.5, [0], [0, 3]),
            ],
            UpdatedAt = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        };
    }
}
