namespace GraphFusion.Llm.Usage;

/// <summary>Totals of one run, for status pages and the CLI.</summary>
public sealed record LlmUsageSnapshot(
    int Calls,
    int CacheHits,
    int FailedCalls,
    long PromptTokens,
    long CompletionTokens,
    decimal EstimatedCost,
    int AcceptedTriplets,
    int DroppedUnknownRelation,
    int DroppedSelfLoop,
    int DroppedUngrounded,
    int UngroundedEntities,
    int MalformedAnswers,
    int RepairedAnswers,
    IReadOnlyList<PlannedLlmCall> PlannedCalls)
{
    public long TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>A call a dry run would make: what for, how many prompt tokens, and whether the cache already holds its answer.</summary>
public sealed record PlannedLlmCall(string ChunkId, string Purpose, int PromptTokens, int MaxOutputTokens, bool Cached);
