using System.Text.Json;
using GraphFusion.Core.Graph;
using GraphFusion.Core.Storage;

namespace GraphFusion.Core.Fusion.Adjudication;

/// <summary>Where verdicts on contested pairs are kept.</summary>
public interface IRelationVerdicts
{
    Task<IReadOnlyDictionary<string, RelationVerdict>> GetAsync(IReadOnlyCollection<string> pairKeys, CancellationToken cancellationToken);

    Task SaveAsync(RelationVerdict verdict, CancellationToken cancellationToken);
}

/// <summary>Verdicts as documents of the store's state container, one per oriented entity pair.</summary>
public sealed class RelationVerdicts(IStateStore state) : IRelationVerdicts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The key the resolver groups a pair's claims by: oriented head id, then tail id.</summary>
    public static string PairKey(string headId, string tailId) => headId + "|" + tailId;

    public async Task<IReadOnlyDictionary<string, RelationVerdict>> GetAsync(IReadOnlyCollection<string> pairKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairKeys);
        var found = new Dictionary<string, RelationVerdict>(StringComparer.Ordinal);
        foreach (var pairKey in pairKeys.Distinct(StringComparer.Ordinal))
        {
            if (await state.GetStateAsync(StateId(pairKey), cancellationToken) is { } text
                && JsonSerializer.Deserialize<RelationVerdict>(text, Json) is { } verdict)
            {
                found[pairKey] = verdict;
            }
        }

        return found;
    }

    public Task SaveAsync(RelationVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return state.PutStateAsync(StateId(verdict.PairKey), JsonSerializer.Serialize(verdict, Json), cancellationToken);
    }

    private static string StateId(string pairKey) => StableId.Of("verdict-", pairKey);
}
