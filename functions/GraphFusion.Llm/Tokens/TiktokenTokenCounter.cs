using Microsoft.ML.Tokenizers;

namespace GraphFusion.Llm.Tokens;

/// <summary>
/// Exact counts for OpenAI models (tiktoken). Models whose encoding is not shipped (Llama, Qwen, Mistral, ...) are counted
/// with o200k_base, which is within a few percent of their own tokenizers on English prose.
/// </summary>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    private readonly Tokenizer tokenizer;

    private TiktokenTokenCounter(Tokenizer tokenizer, string encoding)
    {
        this.tokenizer = tokenizer;
        Encoding = encoding;
    }

    public string Encoding { get; }

    public static TiktokenTokenCounter ForModel(string model)
    {
        try
        {
            return new TiktokenTokenCounter(TiktokenTokenizer.CreateForModel(model), "tiktoken:" + model);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or FileNotFoundException or IOException)
        {
            return new TiktokenTokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base");
        }
    }

    public int Count(string text) => tokenizer.CountTokens(text);

    public int PrefixLength(string text, int maxTokens)
    {
        if (maxTokens <= 0)
        {
            return 0;
        }

        var index = tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);
        return Math.Clamp(index, 0, text.Length);
    }
}
