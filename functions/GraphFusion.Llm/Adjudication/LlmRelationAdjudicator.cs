using GraphFusion.Core.Fusion.Adjudication;
using GraphFusion.Llm.Extraction;
using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Adjudication;

/// <summary>
/// Asks the chat model which competing relation the background passages support. Calls go through
/// <see cref="MeteredChatCaller"/>: cached (asking again costs nothing), counted against the run budget, each question
/// booked as its own document, retried and bounded like every other call.
/// </summary>
public sealed class LlmRelationAdjudicator(MeteredChatCaller caller, string model, int maxOutputTokens = 80) : IRelationAdjudicator
{
    private const string Purpose = "adjudicate";

    public string Name => $"chat model {model}";

    public async Task<AdjudicationAnswer> AdjudicateAsync(AdjudicationQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var pair = $"{question.Head.Id}|{question.Tail.Id}";
        var answer = await caller.CallAsync(
            $"adjudicate:{pair}",
            Purpose,
            $"adjudication:{pair}",
            AdjudicationPrompt.Build(question),
            new ChatOptions { Temperature = 0, MaxOutputTokens = maxOutputTokens },
            text => AdjudicationAnswerParser.Parse(text, question.Candidates),
            cancellationToken);
        return answer?.Value ?? new AdjudicationAnswer(null, "dry run: not asked");
    }
}
