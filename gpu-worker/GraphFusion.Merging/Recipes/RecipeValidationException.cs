namespace GraphFusion.Merging.Recipes;

/// <summary>A recipe cannot be run; <see cref="Problems"/> lists every problem found.</summary>
public sealed class RecipeValidationException : Exception
{
    /// <summary>Creates the exception from a list of problems.</summary>
    public RecipeValidationException(IReadOnlyList<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>All problems.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems) =>
        $"merge recipe has {problems.Count} problem(s):" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}
