using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.Seeds;

/// <summary>
/// Builds a <see cref="SeedModel"/> from documents and their embeddings, and adds documents to one:
/// clustering (<see cref="AgglomerativeClusterer"/>), then c-TF-IDF phrases per cluster (<see cref="ClassTfIdf"/>)
/// with sub-phrases dominated by a longer phrase removed (<see cref="SubPhraseDominance"/>).
/// </summary>
public static class SeedModelBuilder
{
    public static async Task<SeedModel> BuildAsync(
        IReadOnlyList<string> documents, ITextEmbedder embedder, SeedModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return Build(documents, await embedder.EmbedAsync(documents, cancellationToken).ConfigureAwait(false), options);
    }

    public static async Task<SeedModel> UpdateAsync(
        SeedModel model, IReadOnlyList<string> newDocuments, ITextEmbedder embedder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return Update(model, newDocuments, await embedder.EmbedAsync(newDocuments, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Clusters <paramref name="documents"/> by their <paramref name="embeddings"/> and finds each cluster's phrases.</summary>
    public static SeedModel Build(IReadOnlyList<string> documents, IReadOnlyList<float[]> embeddings, SeedModelOptions? options = null)
    {
        options ??= new SeedModelOptions();
        options.Validate();
        CheckSameLength(documents, embeddings);
        var surfaces = new SurfaceTally();
        var phrases = documents.Select(d => CountPhrases(d, options, surfaces)).ToArray();
        var clusters = AgglomerativeClusterer.Cluster(embeddings, options.DistanceThreshold);
        var assignment = new int[documents.Count];
        for (var c = 0; c < clusters.Count; c++)
        {
            foreach (var d in clusters[c])
            {
                assignment[d] = c;
            }
        }

        var seedDocuments = phrases.Select((p, i) => new SeedDocument(i, assignment[i], p)).ToArray();
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in seedDocuments)
        {
            AddCounts(frequencies, documentFrequencies, document.Phrases);
        }

        var counts = clusters.Select(c => ClusterCounts(c, seedDocuments)).ToArray();
        var corpus = new CorpusCounts(frequencies, documentFrequencies, ClassTfIdf.AverageClassSize(counts));
        var seedClusters = clusters
            .Select((members, id) => NewCluster(id, members, SumEmbeddings(members.Select(m => embeddings[m])), counts[id], seedDocuments, corpus, options))
            .ToArray();
        return new SeedModel
        {
            Options = options,
            Documents = seedDocuments,
            Clusters = seedClusters,
            PhraseFrequencies = frequencies,
            DocumentFrequencies = documentFrequencies,
            Surfaces = surfaces.Best(),
        };
    }

    /// <summary>
    /// Adds documents: each joins the cluster with the nearest centroid when within the distance
    /// threshold; the rest are clustered among themselves into new clusters. Only the clusters that
    /// gained documents get their phrases recomputed; the others keep theirs unchanged.
    /// </summary>
    public static SeedModel Update(SeedModel model, IReadOnlyList<string> newDocuments, IReadOnlyList<float[]> embeddings)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckSameLength(newDocuments, embeddings);
        var options = model.Options;
        var surfaces = new SurfaceTally();
        var documents = model.Documents.ToList();
        var clusterMembers = model.Clusters.Select(c => c.Documents.ToList()).ToList();
        var sums = model.Clusters.Select(c => (float[])c.EmbeddingSum.Clone()).ToList();
        var centroids = sums.Select(s => VectorMath.Normalized(s)).ToArray();
        var touched = new SortedSet<int>();
        var unassigned = new List<int>();
        var newPhrases = newDocuments.Select(d => CountPhrases(d, options, surfaces)).ToArray();
        for (var i = 0; i < newDocuments.Count; i++)
        {
            var (cluster, distance) = Nearest(embeddings[i], centroids);
            if (cluster >= 0 && distance <= options.DistanceThreshold)
            {
                Assign(documents, clusterMembers, sums, touched, cluster, newPhrases[i], embeddings[i]);
            }
            else
            {
                unassigned.Add(i);
            }
        }

        foreach (var group in AgglomerativeClusterer.Cluster([.. unassigned.Select(i => embeddings[i])], options.DistanceThreshold))
        {
            clusterMembers.Add([]);
            sums.Add(new float[embeddings[unassigned[group[0]]].Length]);
            foreach (var member in group)
            {
                var i = unassigned[member];
                Assign(documents, clusterMembers, sums, touched, clusterMembers.Count - 1, newPhrases[i], embeddings[i]);
            }
        }

        var frequencies = new Dictionary<string, int>(model.PhraseFrequencies, StringComparer.Ordinal);
        var documentFrequencies = new Dictionary<string, int>(model.DocumentFrequencies, StringComparer.Ordinal);
        foreach (var phrases in newPhrases)
        {
            AddCounts(frequencies, documentFrequencies, phrases);
        }

        var allSurfaces = new Dictionary<string, string>(model.Surfaces, StringComparer.Ordinal);
        foreach (var (key, surface) in surfaces.Best())
        {
            allSurfaces.TryAdd(key, surface);
        }

        var counts = clusterMembers.Select(m => ClusterCounts(m, documents)).ToArray();
        var corpus = new CorpusCounts(frequencies, documentFrequencies, ClassTfIdf.AverageClassSize(counts));
        var clusters = new SeedCluster[clusterMembers.Count];
        for (var c = 0; c < clusters.Length; c++)
        {
            clusters[c] = touched.Contains(c)
                ? NewCluster(c, clusterMembers[c], sums[c], counts[c], documents, corpus, options)
                : model.Clusters[c];
        }

        return model with
        {
            Documents = documents,
            Clusters = clusters,
            PhraseFrequencies = frequencies,
            DocumentFrequencies = documentFrequencies,
            Surfaces = allSurfaces,
        };
    }

    private static void Assign(
        List<SeedDocument> documents, List<List<int>> members, List<float[]> sums, SortedSet<int> touched,
        int cluster, IReadOnlyDictionary<string, int> phrases, float[] embedding)
    {
        var index = documents.Count;
        documents.Add(new SeedDocument(index, cluster, phrases));
        members[cluster].Add(index);
        VectorMath.Add(sums[cluster], VectorMath.Normalized(embedding));
        touched.Add(cluster);
    }

    private static (int Cluster, double Distance) Nearest(float[] embedding, float[][] centroids)
    {
        var best = -1;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centroids.Length; c++)
        {
            var distance = 1 - VectorMath.Cosine(embedding, centroids[c]);
            if (distance < bestDistance)
            {
                best = c;
                bestDistance = distance;
            }
        }

        return (best, bestDistance);
    }

    private static SeedCluster NewCluster(
        int id, IReadOnlyList<int> members, float[] embeddingSum, IReadOnlyDictionary<string, int> counts,
        IReadOnlyList<SeedDocument> documents, CorpusCounts corpus, SeedModelOptions options)
    {
        var scored = ClassTfIdf.Score(counts, corpus.Frequencies, corpus.AverageClassSize)
            .Where(p => corpus.DocumentFrequencies.GetValueOrDefault(p.Key) >= options.MinDocumentFrequency)
            .Select(p => (p.Key, Score: p.Score * LengthWeight(p.Key, options)))
            .Where(p => p.Score > 0)
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(options.PhrasesPerCluster * 4)
            .ToArray();
        var dominated = SubPhraseDominance.Dominated(counts, scored.Select(p => p.Key), options.DominanceRatio);
        var phrases = scored
            .Where(p => !dominated.Contains(p.Key))
            .Take(options.PhrasesPerCluster)
            .Select(p => new ClusterPhrase(p.Key, p.Score, counts[p.Key], [.. members.Where(m => documents[m].Phrases.ContainsKey(p.Key))]))
            .ToArray();
        return new SeedCluster(id, members, embeddingSum, counts.Values.Sum(), phrases);
    }

    private static double LengthWeight(string key, SeedModelOptions options) => key.Count(c => c == ' ') switch
    {
        0 => options.SingleWordWeight,
        1 => 1,
        _ => options.LongPhraseWeight,
    };

    private static Dictionary<string, int> ClusterCounts(IEnumerable<int> members, IReadOnlyList<SeedDocument> documents)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            AddCounts(counts, documents[member].Phrases);
        }

        return counts;
    }

    private static Dictionary<string, int> CountPhrases(string document, SeedModelOptions options, SurfaceTally surfaces)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var occurrence in SeedPhraseExtractor.Extract(document, options.MaxPhraseWords, options.DropGenericEnds, options.CrossClauses))
        {
            counts[occurrence.Key] = counts.GetValueOrDefault(occurrence.Key) + 1;
            surfaces.Add(occurrence);
        }

        return counts;
    }

    private static void AddCounts(Dictionary<string, int> target, IReadOnlyDictionary<string, int> counts)
    {
        foreach (var (key, count) in counts)
        {
            target[key] = target.GetValueOrDefault(key) + count;
        }
    }

    private static void AddCounts(Dictionary<string, int> frequencies, Dictionary<string, int> documentFrequencies, IReadOnlyDictionary<string, int> counts)
    {
        AddCounts(frequencies, counts);
        foreach (var key in counts.Keys)
        {
            documentFrequencies[key] = documentFrequencies.GetValueOrDefault(key) + 1;
        }
    }

    private sealed record CorpusCounts(
        IReadOnlyDictionary<string, int> Frequencies, IReadOnlyDictionary<string, int> DocumentFrequencies, double AverageClassSize);

    private static float[] SumEmbeddings(IEnumerable<float[]> embeddings)
    {
        float[]? sum = null;
        foreach (var embedding in embeddings)
        {
            sum ??= new float[embedding.Length];
            VectorMath.Add(sum, VectorMath.Normalized(embedding));
        }

        return sum ?? [];
    }

    private static void CheckSameLength(IReadOnlyList<string> documents, IReadOnlyList<float[]> embeddings)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (documents.Count != embeddings.Count)
        {
            throw new ArgumentException($"{documents.Count} documents but {embeddings.Count} embeddings.", nameof(embeddings));
        }
    }
}
