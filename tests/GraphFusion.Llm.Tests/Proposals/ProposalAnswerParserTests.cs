using GraphFusion.Llm.Proposals;

namespace GraphFusion.Llm.Tests.Proposals;

public class ProposalAnswerParserTests
{
    [Theory]
    [InlineData("3 - SQuAD evaluates BERT.", 3, "SQuAD evaluates BERT.")]
    [InlineData("Option 12: B Used-for A", 12, "B Used-for A")]
    [InlineData("0 - nothing clearly holds", 0, "nothing clearly holds")]
    [InlineData("13", 0, "no reason given")]
    [InlineData("I cannot tell.", 0, "I cannot tell.")]
    public void Reads_the_first_number_within_the_options_and_keeps_the_rest_as_the_reason(string answer, int option, string reason)
    {
        var parsed = ProposalAnswerParser.Parse(answer, options: 12);

        Assert.Equal((option, reason), (parsed.Option, parsed.Reason));
    }
}
