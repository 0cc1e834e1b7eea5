namespace GraphFusion.Llm.Usage;

/// <summary>A call would exceed a configured budget; nothing was sent. Answers already received stay cached.</summary>
public sealed class LlmBudgetExceededException(string budget, decimal limit, decimal used, decimal requested, string? documentId = null)
    : Exception($"LLM budget {budget} exceeded: limit {limit}, used {used}, the next call needs {requested}"
        + (documentId is null ? "." : $" (document {documentId}).") + " Raise the budget or rerun later; answers already received are cached.")
{
    /// <summary>The configuration key of the budget, e.g. <c>Llm:Budget:MaxRunTokens</c>.</summary>
    public string Budget { get; } = budget;

    public decimal Limit { get; } = limit;

    public decimal Used { get; } = used;

    public decimal Requested { get; } = requested;

    public string? DocumentId { get; } = documentId;
}
