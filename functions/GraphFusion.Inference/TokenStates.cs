namespace GraphFusion.Inference;

/// <summary>
/// The model's last hidden state for every token of one text (<c>last_hidden_state</c>), the
/// [CLS] and [SEP] tokens included, in token order, for models working on spans of tokens.
/// </summary>
public sealed class TokenStates
{
    private readonly float[] _values;

    internal TokenStates(int[] tokenIds, string[] tokens, float[] values, int hiddenSize)
    {
        TokenIds = tokenIds;
        Tokens = tokens;
        _values = values;
        HiddenSize = hiddenSize;
    }

    /// <summary>Vocabulary ids, starting with [CLS] and ending with [SEP].</summary>
    public IReadOnlyList<int> TokenIds { get; }

    /// <summary>Word pieces matching <see cref="TokenIds"/> (continuations start with <c>##</c>).</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Number of tokens.</summary>
    public int Count => TokenIds.Count;

    /// <summary>Length of one token's vector (384).</summary>
    public int HiddenSize { get; }

    /// <summary>All vectors, row-major: <c>Count × HiddenSize</c>.</summary>
    public ReadOnlyMemory<float> Values => _values;

    /// <summary>The vector of token <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _values.AsSpan(index * HiddenSize, HiddenSize);
        }
    }
}
