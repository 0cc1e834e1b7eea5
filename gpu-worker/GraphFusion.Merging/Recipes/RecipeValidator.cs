using GraphFusion.Merging.Execution;

namespace GraphFusion.Merging.Recipes;

/// <summary>The outcome of validating a recipe: every problem found, and what the merge would produce.</summary>
/// <param name="Problems">All problems (empty when valid).</param>
/// <param name="OutputKind">Checkpoint or adapter output (null when the recipe is invalid).</param>
/// <param name="TensorsToMerge">Tensors (or adapter modules) the method will merge.</param>
/// <param name="TensorsToCopy">Tensors copied from one input (non-float tensors, mismatch rule).</param>
/// <param name="TensorsSkipped">Tensors left out by the mismatch rule.</param>
public sealed record ValidationReport(
    IReadOnlyList<string> Problems, MergeOutputKind? OutputKind, int TensorsToMerge, int TensorsToCopy, int TensorsSkipped)
{
    /// <summary>True when there are no problems.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Throws <see cref="RecipeValidationException"/> listing all problems when invalid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new RecipeValidationException(Problems);
        }
    }
}

/// <summary>
/// Checks a recipe completely before any tensor data is read: syntax and unknown keys, method and parameters
/// (names, ranges, required values, filters that leave tensors without a value), input files and their
/// headers, tensors missing in some inputs or differing in shape, and the mismatch rule.
/// </summary>
public static class RecipeValidator
{
    /// <summary>Validates <paramref name="recipe"/>; never throws for recipe problems.</summary>
    public static ValidationReport Validate(MergeRecipe recipe)
    {
        var problems = new List<string>();
        using MergePlan? plan = MergePlanner.Build(recipe, problems);
        if (plan is null)
        {
            return new ValidationReport(problems, null, 0, 0, 0);
        }
        int merge = plan.Items.Count(i => i is MergeTensorItem or AdapterModuleItem { Source: null });
        return new ValidationReport([], plan.Kind, merge, plan.Items.Count - merge, plan.SkippedTensors);
    }
}
