using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Fusion;

/// <summary>Groups keys that name the same concept: identical keys, and acronym/expansion pairs the documents state.</summary>
public static class KeyClusterer
{
    /// <summary>Clusters of keys, each sorted, in a deterministic order; keys without claims are left out.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cluster(IReadOnlyList<KeyClaims> claims)
    {
        var keys = BlockKeys.Concepts(claims.Select(c => c.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var parent = keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);

        string Find(string key)
        {
            while (parent[key] != key)
            {
                parent[key] = parent[parent[key]];
                key = parent[key];
            }

            return key;
        }

        // An acronym may expand differently in different documents ("CNN"); it joins only its most supported expansion,
        // so one ambiguous acronym cannot chain two unrelated concepts together. Only the acronym's side decides: each
        // expansion names the acronym too, and would otherwise pull it in whatever the acronym's own choice.
        foreach (var group in claims.Where(c => !BlockKeys.IsBlockKey(c.Key) && IsAcronymKey(c.Key)).GroupBy(c => c.Key, StringComparer.Ordinal))
        {
            var best = group
                .SelectMany(c => c.AliasKeys.Select(a => (Alias: a, c.DocumentId)))
                .Where(a => parent.ContainsKey(a.Alias) && !IsAcronymKey(a.Alias))
                .GroupBy(a => a.Alias, StringComparer.Ordinal)
                .Select(g => (Alias: g.Key, Support: g.Select(x => x.DocumentId).Distinct().Count()))
                .OrderByDescending(a => a.Support)
                .ThenBy(a => a.Alias, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Alias is null)
            {
                continue;
            }

            var (a, b) = (Find(group.Key), Find(best.Alias));
            if (a != b)
            {
                parent[string.CompareOrdinal(a, b) < 0 ? b : a] = string.CompareOrdinal(a, b) < 0 ? a : b;
            }
        }

        return keys
            .GroupBy(Find, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)g.Order(StringComparer.Ordinal).ToList())
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsAcronymKey(string key) => !key.Contains(' ') && key.Length <= 10;
}
