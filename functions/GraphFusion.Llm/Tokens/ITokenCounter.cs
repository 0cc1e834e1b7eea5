namespace GraphFusion.Llm.Tokens;

/// <summary>Counts the tokens a text costs with the model's tokenizer (or an estimate of it).</summary>
public interface ITokenCounter
{
    /// <summary>Names the encoding, e.g. <c>o200k_base</c>, or says it is an estimate.</summary>
    string Encoding { get; }

    int Count(string text);

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="maxTokens"/>, as a character count.</summary>
    int PrefixLength(string text, int maxTokens);
}
