namespace GraphFusion.Core.References;

/// <summary>One labelled mention and what the linker answered (null: NIL), with the candidate source of the answer.</summary>
public sealed record LinkingOutcome(LinkingCase Case, string? PredictedId, double Confidence, NameMatch? Source = null)
{
    public bool Correct => PredictedId == Case.ExpectedId;
}

/// <summary>
/// Accuracy over all mentions (a NIL answer is right only for a NIL mention), and NIL precision and recall:
/// of the mentions answered NIL, the share that are NIL; of the NIL mentions, the share answered NIL.
/// </summary>
public sealed record LinkingEvaluation(IReadOnlyList<LinkingOutcome> Outcomes)
{
    public int Cases => Outcomes.Count;

    public int CorrectCount => Outcomes.Count(o => o.Correct);

    public double Accuracy => Ratio(CorrectCount, Cases);

    public int NilCases => Outcomes.Count(o => o.Case.ExpectedId is null);

    public int PredictedNil => Outcomes.Count(o => o.PredictedId is null);

    public double NilPrecision => Ratio(Outcomes.Count(o => o.PredictedId is null && o.Case.ExpectedId is null), PredictedNil);

    public double NilRecall => Ratio(Outcomes.Count(o => o.PredictedId is null && o.Case.ExpectedId is null), NilCases);

    /// <summary>Accuracy on the mentions that name a reference entity.</summary>
    public double LinkedAccuracy => Ratio(Outcomes.Count(o => o.Case.ExpectedId is not null && o.Correct), Cases - NilCases);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}

/// <summary>Runs a linker over labelled mentions.</summary>
public static class LinkingEvaluator
{
    public static async Task<LinkingEvaluation> EvaluateAsync(IReferenceLinker linker, IReadOnlyList<LinkingCase> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(cases);
        var outcomes = new List<LinkingOutcome>(cases.Count);
        foreach (var c in cases)
        {
            var link = await linker.LinkAsync(c.Surface, c.Sentence, cancellationToken);
            outcomes.Add(new LinkingOutcome(c, link?.Entity.Id, link?.Confidence ?? 0, link?.Source));
        }

        return new LinkingEvaluation(outcomes);
    }
}
