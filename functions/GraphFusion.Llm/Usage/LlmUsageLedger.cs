using System.Globalization;
using GraphFusion.Llm.Configuration;
using GraphFusion.Llm.Validation;

namespace GraphFusion.Llm.Usage;

/// <summary>
/// Token use, estimated cost and validation outcomes of a run, and the budgets enforced on them. Before a call,
/// <see cref="Reserve"/> books its prompt tokens (and fails cleanly when a budget would be exceeded); after it,
/// <see cref="Settle"/> books the real usage. Thread-safe.
/// </summary>
public sealed class LlmUsageLedger(LlmBudgetOptions budget, LlmPricingOptions pricing)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> tokensByDocument = new(StringComparer.Ordinal);
    private readonly List<PlannedLlmCall> planned = [];
    private int calls;
    private int cacheHits;
    private int failedCalls;
    private long promptTokens;
    private long completionTokens;
    private long reservedTokens;
    private decimal cost;
    private ValidationCounts validation;
    private int malformed;
    private int repaired;

    public LlmUsageLedger()
        : this(new LlmBudgetOptions(), new LlmPricingOptions())
    {
    }

    /// <summary>Books <paramref name="tokens"/> prompt tokens for a call about to be made.</summary>
    /// <exception cref="LlmBudgetExceededException">The run or the document budget would be exceeded.</exception>
    public void Reserve(string documentId, int tokens)
    {
        lock (gate)
        {
            var runUsed = promptTokens + completionTokens + reservedTokens;
            if (budget.MaxRunTokens > 0 && runUsed + tokens > budget.MaxRunTokens)
            {
                throw new LlmBudgetExceededException("Llm:Budget:MaxRunTokens", budget.MaxRunTokens, runUsed, tokens);
            }

            var documentUsed = tokensByDocument.GetValueOrDefault(documentId);
            if (budget.MaxDocumentTokens > 0 && documentUsed + tokens > budget.MaxDocumentTokens)
            {
                throw new LlmBudgetExceededException("Llm:Budget:MaxDocumentTokens", budget.MaxDocumentTokens, documentUsed, tokens, documentId);
            }

            var callCost = CostOf(tokens, 0);
            if (budget.MaxRunCost > 0 && cost + callCost > budget.MaxRunCost)
            {
                throw new LlmBudgetExceededException("Llm:Budget:MaxRunCost", budget.MaxRunCost, Math.Round(cost, 6), Math.Round(callCost, 6));
            }

            reservedTokens += tokens;
            tokensByDocument[documentId] = documentUsed + tokens;
        }
    }

    /// <summary>Replaces a reservation by the usage the server reported (or the estimate when it reported none).</summary>
    public void Settle(string documentId, int reserved, long actualPrompt, long actualCompletion)
    {
        lock (gate)
        {
            reservedTokens -= reserved;
            calls++;
            promptTokens += actualPrompt;
            completionTokens += actualCompletion;
            cost += CostOf(actualPrompt, actualCompletion);
            tokensByDocument[documentId] = tokensByDocument.GetValueOrDefault(documentId) - reserved + actualPrompt + actualCompletion;
        }
    }

    /// <summary>Releases a reservation for a call that failed; the prompt tokens count as spent.</summary>
    public void Fail(string documentId, int reserved)
    {
        lock (gate)
        {
            reservedTokens -= reserved;
            failedCalls++;
            promptTokens += reserved;
            cost += CostOf(reserved, 0);
        }
    }

    public void RecordCacheHit()
    {
        lock (gate)
        {
            cacheHits++;
        }
    }

    public void RecordPlanned(PlannedLlmCall call)
    {
        lock (gate)
        {
            planned.Add(call);
        }
    }

    public void RecordValidation(ValidationCounts counts)
    {
        lock (gate)
        {
            validation += counts;
        }
    }

    public void RecordAnswer(bool wasRepaired, bool wasMalformed)
    {
        lock (gate)
        {
            repaired += wasRepaired ? 1 : 0;
            malformed += wasMalformed ? 1 : 0;
        }
    }

    public LlmUsageSnapshot Snapshot()
    {
        lock (gate)
        {
            return new LlmUsageSnapshot(
                calls, cacheHits, failedCalls, promptTokens, completionTokens, Math.Round(cost, 6),
                validation.Accepted, validation.UnknownRelation, validation.SelfLoop, validation.Ungrounded, validation.UngroundedEntities,
                malformed, repaired, [.. planned]);
        }
    }

    /// <summary>A readable summary: totals, and for a dry run one line per planned call.</summary>
    public string Describe()
    {
        var s = Snapshot();
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"LLM calls {s.Calls} (cache hits {s.CacheHits}, failed {s.FailedCalls}); tokens {s.PromptTokens} prompt + {s.CompletionTokens} completion; estimated cost {s.EstimatedCost}"),
            $"triplets accepted {s.AcceptedTriplets}; dropped: unknown relation {s.DroppedUnknownRelation}, self-loop {s.DroppedSelfLoop}, ungrounded {s.DroppedUngrounded}; answers repaired {s.RepairedAnswers}, malformed {s.MalformedAnswers}",
        };
        if (s.PlannedCalls.Count > 0)
        {
            var toPay = s.PlannedCalls.Where(c => !c.Cached).ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"dry run: {s.PlannedCalls.Count} planned calls ({s.PlannedCalls.Count - toPay.Count} cached), {toPay.Sum(c => (long)c.PromptTokens)} prompt tokens, at most {toPay.Sum(c => (long)c.MaxOutputTokens)} completion tokens, estimated cost at most {Math.Round(CostOf(toPay.Sum(c => (long)c.PromptTokens), toPay.Sum(c => (long)c.MaxOutputTokens)), 6)}"));
            lines.AddRange(s.PlannedCalls.Select(c => $"  {c.ChunkId} {c.Purpose}: {c.PromptTokens} prompt tokens, max {c.MaxOutputTokens} out{(c.Cached ? ", cached" : string.Empty)}"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private decimal CostOf(long prompt, long completion) =>
        (prompt * pricing.InputPerMillionTokens + completion * pricing.OutputPerMillionTokens) / 1_000_000m;
}
