using GraphFusion.Core.Embeddings;

namespace GraphFusion.Core.Fusion.Matching;

public sealed record BlockingOptions
{
    /// <summary>Neighbours kept per candidate from the character n-gram index.</summary>
    public int TopK { get; init; } = 8;

    /// <summary>Least Dice overlap of character trigrams for an n-gram neighbour.</summary>
    public double MinGramOverlap { get; init; } = 0.35;

    /// <summary>Trigrams shared by more candidates than this carry no signal and are skipped.</summary>
    public int MaxPostings { get; init; } = 400;

    /// <summary>Above this size an exact-key block links its members to its first member only.</summary>
    public int MaxBlockPairs { get; init; } = 32;

    /// <summary>Neighbours kept per candidate from embeddings, when an embedder is given.</summary>
    public int EmbeddingTopK { get; init; } = 5;

    /// <summary>Least cosine of two embeddings for an embedding neighbour.</summary>
    public double MinEmbeddingCosine { get; init; } = 0.8;
}

/// <summary>
/// Proposes the pairs worth scoring without comparing all pairs: candidates sharing a normalised key, a compact key
/// (hyphen and space variants), a token-sorted key, an acronym and the initials of an expansion, plus each candidate's
/// top-k neighbours in a character trigram inverted index and, optionally, in embedding space.
/// </summary>
public sealed class CandidateBlocker(BlockingOptions options)
{
    public static CandidateBlocker Default { get; } = new(new BlockingOptions());

    public IReadOnlyList<(int A, int B)> Block(IReadOnlyList<NameProfile> names)
    {
        var pairs = new HashSet<(int, int)>();
        AddBlocks(pairs, names, n => [n.Key]);
        AddBlocks(pairs, names, n => [n.Compact]);
        AddBlocks(pairs, names, n => [n.SortedKey]);
        AddAcronymBlocks(pairs, names);
        AddGramNeighbours(pairs, names);
        return Sorted(pairs);
    }

    /// <summary>As <see cref="Block"/>, plus nearest neighbours of the names' embeddings found by random-hyperplane hashing.</summary>
    public async Task<IReadOnlyList<(int A, int B)>> BlockAsync(IReadOnlyList<NameProfile> names, ITextEmbedder? embedder, CancellationToken cancellationToken)
    {
        var pairs = Block(names).ToHashSet();
        if (embedder is not null && names.Count > 1)
        {
            var vectors = await embedder.EmbedAsync(names.Select(n => n.Surface).ToList(), cancellationToken);
            AddEmbeddingNeighbours(pairs, vectors);
        }

        return Sorted(pairs);
    }

    private static List<(int A, int B)> Sorted(HashSet<(int, int)> pairs) => pairs.OrderBy(p => p.Item1).ThenBy(p => p.Item2).ToList();

    private static void Add(HashSet<(int, int)> pairs, int a, int b)
    {
        if (a != b)
        {
            pairs.Add(a < b ? (a, b) : (b, a));
        }
    }

    private void AddBlocks(HashSet<(int, int)> pairs, IReadOnlyList<NameProfile> names, Func<NameProfile, IEnumerable<string>> keys)
    {
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            foreach (var key in keys(names[i]).Where(k => k.Length > 0))
            {
                (blocks.TryGetValue(key, out var list) ? list : blocks[key] = []).Add(i);
            }
        }

        foreach (var members in blocks.Values.Where(m => m.Count > 1))
        {
            LinkBlock(pairs, members, members);
        }
    }

    private void LinkBlock(HashSet<(int, int)> pairs, List<int> left, List<int> right)
    {
        if (left.Count * right.Count <= options.MaxBlockPairs * options.MaxBlockPairs)
        {
            foreach (var a in left)
            {
                foreach (var b in right)
                {
                    Add(pairs, a, b);
                }
            }

            return;
        }

        foreach (var b in right)
        {
            Add(pairs, left[0], b);
        }

        foreach (var a in left)
        {
            Add(pairs, a, right[0]);
        }
    }

    private void AddAcronymBlocks(HashSet<(int, int)> pairs, IReadOnlyList<NameProfile> names)
    {
        var acronyms = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var expansions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].IsAcronym)
            {
                (acronyms.TryGetValue(names[i].Compact, out var list) ? list : acronyms[names[i].Compact] = []).Add(i);
            }

            foreach (var initials in names[i].Initials)
            {
                (expansions.TryGetValue(initials, out var list) ? list : expansions[initials] = []).Add(i);
            }
        }

        foreach (var (initials, shorts) in acronyms)
        {
            if (expansions.TryGetValue(initials, out var longs))
            {
                LinkBlock(pairs, shorts, longs);
            }
        }
    }

    private void AddGramNeighbours(HashSet<(int, int)> pairs, IReadOnlyList<NameProfile> names)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            foreach (var gram in names[i].Grams.Keys)
            {
                (postings.TryGetValue(gram, out var list) ? list : postings[gram] = []).Add(i);
            }
        }

        var shared = new Dictionary<int, int>();
        for (var i = 0; i < names.Count; i++)
        {
            shared.Clear();
            foreach (var gram in names[i].Grams.Keys)
            {
                var list = postings[gram];
                if (list.Count > options.MaxPostings)
                {
                    continue;
                }

                foreach (var j in list)
                {
                    if (j != i)
                    {
                        shared[j] = shared.GetValueOrDefault(j) + 1;
                    }
                }
            }

            var size = names[i].Grams.Count;
            foreach (var (j, _) in shared
                .Select(s => (J: s.Key, Dice: 2.0 * s.Value / (size + names[s.Key].Grams.Count)))
                .Where(s => s.Dice >= options.MinGramOverlap)
                .OrderByDescending(s => s.Dice)
                .ThenBy(s => s.J)
                .Take(options.TopK))
            {
                Add(pairs, i, j);
            }
        }
    }

    // Random-hyperplane hashing: vectors that share a bucket in any table are compared; each keeps its top-k by cosine.
    private void AddEmbeddingNeighbours(HashSet<(int, int)> pairs, float[][] vectors)
    {
        const int Tables = 8;
        const int Bits = 10;
        var dimensions = vectors[0].Length;
        var random = new Random(17);
        var planes = new float[Tables * Bits][];
        for (var p = 0; p < planes.Length; p++)
        {
            planes[p] = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                planes[p][d] = (float)(random.NextDouble() * 2 - 1);
            }
        }

        var norms = vectors.Select(v => Math.Sqrt(v.Sum(x => (double)x * x))).ToArray();
        var candidates = new HashSet<int>[vectors.Length];
        for (var i = 0; i < vectors.Length; i++)
        {
            candidates[i] = [];
        }

        for (var t = 0; t < Tables; t++)
        {
            var buckets = new Dictionary<int, List<int>>();
            for (var i = 0; i < vectors.Length; i++)
            {
                var code = 0;
                for (var b = 0; b < Bits; b++)
                {
                    code = (code << 1) | (Dot(planes[t * Bits + b], vectors[i]) >= 0 ? 1 : 0);
                }

                (buckets.TryGetValue(code, out var list) ? list : buckets[code] = []).Add(i);
            }

            foreach (var bucket in buckets.Values.Where(b => b.Count is > 1 and <= 256))
            {
                foreach (var i in bucket)
                {
                    candidates[i].UnionWith(bucket);
                }
            }
        }

        for (var i = 0; i < vectors.Length; i++)
        {
            foreach (var (j, _) in candidates[i]
                .Where(j => j != i)
                .Select(j => (J: j, Cosine: norms[i] * norms[j] == 0 ? 0 : Dot(vectors[i], vectors[j]) / (norms[i] * norms[j])))
                .Where(c => c.Cosine >= options.MinEmbeddingCosine)
                .OrderByDescending(c => c.Cosine)
                .ThenBy(c => c.J)
                .Take(options.EmbeddingTopK))
            {
                Add(pairs, i, j);
            }
        }
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var d = 0; d < Math.Min(a.Length, b.Length); d++)
        {
            sum += (double)a[d] * b[d];
        }

        return sum;
    }
}
