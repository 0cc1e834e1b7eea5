namespace GraphFusion.Core.Seeds;

/// <summary>Counts the written forms of each phrase key and picks the most frequent (ties: ordinal order).</summary>
internal sealed class SurfaceTally
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts = new(StringComparer.Ordinal);

    public void Add(PhraseOccurrence occurrence)
    {
        if (!_counts.TryGetValue(occurrence.Key, out var forms))
        {
            forms = new Dictionary<string, int>(StringComparer.Ordinal);
            _counts[occurrence.Key] = forms;
        }

        forms[occurrence.Surface] = forms.GetValueOrDefault(occurrence.Surface) + 1;
    }

    public Dictionary<string, string> Best() => _counts.ToDictionary(
        pair => pair.Key,
        pair => pair.Value.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key,
        StringComparer.Ordinal);
}
