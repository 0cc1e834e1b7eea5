namespace GraphFusion.Core.Fusion.Adjudication;

public sealed record AdjudicationOptions
{
    /// <summary>
    /// A contest is close enough to ask a judge when the runner-up type has at least this share of the winner's
    /// independent documents; a type claimed by ten documents against one is left to the rule.
    /// </summary>
    public double MinRunnerUpShare { get; init; } = 0.5;

    /// <summary>Questions asked per pass at most (each is one chat call, cached and budgeted).</summary>
    public int MaxQuestionsPerPass { get; init; } = 50;

    /// <summary>Background passages shown per question, spread over the competing types.</summary>
    public int MaxPassages { get; init; } = 8;
}
