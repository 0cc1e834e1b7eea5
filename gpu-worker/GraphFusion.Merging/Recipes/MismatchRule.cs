namespace GraphFusion.Merging.Recipes;

/// <summary>What to do with tensors that cannot be merged: present in only some inputs, differing in shape, or non-LoRA tensors of adapters.</summary>
public enum MismatchAction
{
    /// <summary>Leave them out of the output.</summary>
    Skip,
    /// <summary>Take the base model's tensor.</summary>
    Base,
    /// <summary>Take the tensor of the first model (in recipe order) that has it.</summary>
    First,
    /// <summary>Take the tensor of one named model.</summary>
    Model,
}

/// <summary>The recipe's <c>mismatched</c> rule.</summary>
/// <param name="Action">The action.</param>
/// <param name="ModelName">For <see cref="MismatchAction.Model"/>: the model as written in the recipe (path or folder name).</param>
public sealed record MismatchRule(MismatchAction Action, string? ModelName = null)
{
    /// <summary>Parses "skip", "base", "first" or a model name.</summary>
    public static MismatchRule Parse(string text) => text.Trim() switch
    {
        "skip" => new MismatchRule(MismatchAction.Skip),
        "base" => new MismatchRule(MismatchAction.Base),
        "first" => new MismatchRule(MismatchAction.First),
        var name => new MismatchRule(MismatchAction.Model, name),
    };

    /// <inheritdoc />
    public override string ToString() => Action == MismatchAction.Model ? ModelName! : Action.ToString().ToLowerInvariant();
}
