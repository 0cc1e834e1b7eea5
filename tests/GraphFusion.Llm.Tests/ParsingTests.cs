using GraphFusion.Llm.Parsing;

namespace GraphFusion.Llm.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void Strict_json_is_read_without_repair()
    {
        var result = ExtractionResponseParser.Parse("{\"entities\":[{\"name\":\"BERT\",\"type\":\"Method\"}],\"triplets\":[{\"head\":\"BERT\",\"relation\":\"Used-for\",\"tail\":\"QA\"}]}");

        Assert.False(result.Repaired);
        Assert.Equal(new RawEntity("BERT", "Method"), Assert.Single(result.Entities));
        Assert.Equal(new RawTriplet("BERT", "Used-for", "QA"), Assert.Single(result.Triplets));
    }

    [Theory]
    [InlineData("```json\n{\"triplets\": [{\"head\": \"A\", \"relation\": \"Used-for\", \"tail\": \"B\"}]}\n```")]
    [InlineData("Sure! {\"triplets\": [{\"head\": \"A\", \"relation\": \"Used-for\", \"tail\": \"B\"},],} Hope this helps.")]
    [InlineData("{'triplets': [{'head': 'A', 'relation': 'Used-for', 'tail': 'B'}]}")]
    [InlineData("{\"triplets\": [{\"head\": \"A\", \"relation\": \"Used-for\", \"tail\": \"B\"}, {\"head\": \"C\", \"rela")]
    [InlineData("{\"triplets\": [{\"head\": \"A\", \"relation\": \"Used-for\", \"tail\": \"B\"}, {\"head\": \"C\", \"relation\": \"Comp")]
    [InlineData("[[\"A\", \"Used-for\", \"B\"]]")]
    [InlineData("{\"triples\": [{\"subject\": \"A\", \"predicate\": \"Used-for\", \"object\": \"B\"}]}")]
    public void Almost_json_is_repaired(string answer)
    {
        var result = ExtractionResponseParser.Parse(answer);

        Assert.Equal(new RawTriplet("A", "Used-for", "B"), Assert.Single(result.Triplets));
    }

    [Fact]
    public void Single_quoted_strings_keep_apostrophes_and_double_quotes()
    {
        var result = ExtractionResponseParser.Parse("{'triplets': [{'head': 'Dijkstra\\'s algorithm', 'relation': 'Used-for', 'tail': 'the \"shortest path\" problem'}]}");

        Assert.Equal(new RawTriplet("Dijkstra's algorithm", "Used-for", "the \"shortest path\" problem"), Assert.Single(result.Triplets));
        Assert.True(result.Repaired);
    }

    [Fact]
    public void Truncated_answer_keeps_complete_entities_and_drops_the_cut_list()
    {
        var result = ExtractionResponseParser.Parse("{\"entities\": [{\"name\": \"A\", \"type\": \"Task\"}], \"triplets\": [{\"head\": \"A\", \"rel");

        Assert.Single(result.Entities);
        Assert.Empty(result.Triplets);
        Assert.True(result.Repaired);
    }

    [Theory]
    [InlineData("I cannot help with that.", "no JSON")]
    [InlineData("{\"answer\": 42}", "neither")]
    [InlineData("{\"triplets\": [{\"head\": \"A\", \"relation\": }}}", "not valid JSON")]
    [InlineData("{\"triplets\": [{\"head\": \"A\"", "neither")]
    public void Unusable_answers_are_rejected_with_a_clear_reason(string answer, string reason)
    {
        var error = Assert.Throws<LlmResponseFormatException>(() => ExtractionResponseParser.Parse(answer));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith(answer[..Math.Min(answer.Length, 10)], error.AnswerExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_missing_a_field_are_skipped()
    {
        var result = ExtractionResponseParser.Parse("{\"triplets\": [{\"head\": \"A\", \"tail\": \"B\"}, {\"head\": \"A\", \"relation\": \"Used-for\", \"tail\": \"B\"}]}");

        Assert.Single(result.Triplets);
    }
}
