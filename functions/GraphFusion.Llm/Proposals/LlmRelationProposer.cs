using GraphFusion.Core.Fusion.Proposals;
using GraphFusion.Llm.Extraction;
using Microsoft.Extensions.AI;

namespace GraphFusion.Llm.Proposals;

/// <summary>
/// Asks the chat model which relation holds between two concepts that share neighbours. Calls go through
/// <see cref="MeteredChatCaller"/>: cached (asking again costs nothing), counted against the run budget, each question
/// booked as its own document, retried and bounded like every other call.
/// </summary>
public sealed class LlmRelationProposer(MeteredChatCaller caller, string model, int maxOutputTokens = 80) : IRelationProposer
{
    private const string Purpose = "propose";

    public string Name => $"chat model {model}";

    public async Task<ProposalAnswer> ProposeAsync(ProposalQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var pair = $"{question.First.Id}|{question.Second.Id}";
        var answer = await caller.CallAsync(
            $"propose:{pair}",
            Purpose,
            $"proposal:{pair}",
            ProposalPrompt.Build(question),
            new ChatOptions { Temperature = 0, MaxOutputTokens = maxOutputTokens },
            text => ProposalAnswerParser.Parse(text, question.Options.Count),
            cancellationToken);
        return answer?.Value ?? new ProposalAnswer(0, "dry run: not asked");
    }
}
