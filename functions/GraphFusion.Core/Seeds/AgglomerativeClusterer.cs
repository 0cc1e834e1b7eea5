namespace GraphFusion.Core.Seeds;

/// <summary>
/// Average-linkage agglomerative clustering under a cosine distance threshold: clusters are merged,
/// closest pair first, while their mean pairwise cosine distance is at most the threshold. The number
/// of clusters follows from the data. Deterministic: ties go to the lowest indices.
/// </summary>
public static class AgglomerativeClusterer
{
    /// <summary>Groups <paramref name="vectors"/>; each cluster lists its member indices ascending, clusters by their first member.</summary>
    public static IReadOnlyList<int[]> Cluster(IReadOnlyList<float[]> vectors, double distanceThreshold)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var n = vectors.Count;
        if (n == 0)
        {
            return [];
        }

        var normalized = vectors.Select(v => VectorMath.Normalized(v)).ToArray();
        var distance = new double[n][];
        for (var i = 0; i < n; i++)
        {
            distance[i] = new double[n];
            for (var j = 0; j < i; j++)
            {
                var d = 1 - VectorMath.Dot(normalized[i], normalized[j]);
                distance[i][j] = d;
                distance[j][i] = d;
            }
        }

        var members = new List<int>?[n];
        for (var i = 0; i < n; i++)
        {
            members[i] = [i];
        }

        var nearest = new int[n];
        for (var i = 0; i < n; i++)
        {
            nearest[i] = FindNearest(i, distance, members);
        }

        while (true)
        {
            var best = -1;
            var bestDistance = double.MaxValue;
            for (var i = 0; i < n; i++)
            {
                if (members[i] is not null && nearest[i] >= 0 && distance[i][nearest[i]] < bestDistance)
                {
                    best = i;
                    bestDistance = distance[i][nearest[i]];
                }
            }

            if (best < 0 || bestDistance > distanceThreshold)
            {
                break;
            }

            var a = Math.Min(best, nearest[best]);
            var b = Math.Max(best, nearest[best]);
            Merge(a, b, distance, members);
            for (var i = 0; i < n; i++)
            {
                if (members[i] is not null && (i == a || nearest[i] == a || nearest[i] == b))
                {
                    nearest[i] = FindNearest(i, distance, members);
                }
                else if (members[i] is not null && i != a && nearest[i] >= 0 && distance[i][a] < distance[i][nearest[i]])
                {
                    nearest[i] = a;
                }
            }
        }

        return [.. members.Where(m => m is not null).Select(m => m!.Order().ToArray()).OrderBy(m => m[0])];
    }

    // Lance-Williams update for average linkage: d(a+b, k) = (|a| d(a,k) + |b| d(b,k)) / (|a| + |b|).
    private static void Merge(int a, int b, double[][] distance, List<int>?[] members)
    {
        var sizeA = members[a]!.Count;
        var sizeB = members[b]!.Count;
        for (var k = 0; k < distance.Length; k++)
        {
            if (members[k] is null || k == a || k == b)
            {
                continue;
            }

            var d = ((sizeA * distance[a][k]) + (sizeB * distance[b][k])) / (sizeA + sizeB);
            distance[a][k] = d;
            distance[k][a] = d;
        }

        members[a]!.AddRange(members[b]!);
        members[b] = null;
    }

    private static int FindNearest(int i, double[][] distance, List<int>?[] members)
    {
        var best = -1;
        var bestDistance = double.MaxValue;
        for (var j = 0; j < distance.Length; j++)
        {
            if (j != i && members[j] is not null && distance[i][j] < bestDistance)
            {
                best = j;
                bestDistance = distance[i][j];
            }
        }

        return best;
    }
}
