namespace GraphFusion.Llm.Validation;

/// <summary>A character range [Start, End) of a passage.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public TextSpan Shift(int offset) => new(Start + offset, End + offset);
}
