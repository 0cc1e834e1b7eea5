namespace GraphFusion.Llm.Validation;

/// <summary>What validation kept and dropped, and why.</summary>
public readonly record struct ValidationCounts(
    int Accepted,
    int UnknownRelation,
    int SelfLoop,
    int Ungrounded,
    int UngroundedEntities,
    int Duplicate)
{
    public int Dropped => UnknownRelation + SelfLoop + Ungrounded + Duplicate;

    public static ValidationCounts operator +(ValidationCounts a, ValidationCounts b) => new(
        a.Accepted + b.Accepted,
        a.UnknownRelation + b.UnknownRelation,
        a.SelfLoop + b.SelfLoop,
        a.Ungrounded + b.Ungrounded,
        a.UngroundedEntities + b.UngroundedEntities,
        a.Duplicate + b.Duplicate);
}
