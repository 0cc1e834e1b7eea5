namespace GraphFusion.Core.Fusion.Adjudication;

/// <summary>
/// A judge's decision on a contested entity pair. It applies only while the pair's claims are those it was made on
/// (same <see cref="Fingerprint"/>) and only among the types those claims state, so it never keeps a fact alive that lost
/// its evidence. A null <see cref="Type"/> records that the judge abstained, so the rule's choice stands.
/// </summary>
public sealed record RelationVerdict(
    string HeadId,
    string TailId,
    string? Type,
    string Fingerprint,
    string Judge,
    string Reason,
    DateTimeOffset DecidedAt)
{
    public string PairKey => RelationVerdicts.PairKey(HeadId, TailId);
}
