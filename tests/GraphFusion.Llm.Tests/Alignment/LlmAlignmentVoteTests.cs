using System.Globalization;
using GraphFusion.Llm.Alignment;

namespace GraphFusion.Llm.Tests.Alignment;

/// <summary>The chat model's vote over alignment candidates: shuffled rounds, aggregation, position bias, hallucinations.</summary>
public sealed class LlmAlignmentVoteTests : IAsyncLifetime
{
    private static readonly EntityProfile Left = new("10", "Paris", ["France", "Seine"]);

    private static readonly EntityProfile[] Candidates =
    [
        new("1", "Paris, Texas", ["Texas"]),
        new("2", "Paris", ["France", "Seine"]),
        new("3", "Lyon", ["France", "Rhône"]),
    ];

    private readonly TempDirectory cache = new();
    private FakeChatServer server = null!;

    public async Task InitializeAsync() => server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        cache.Dispose();
    }

    private LlmCandidateVoter Voter() => LlmAlignerFactory.Create(TestOptions.OpenAiCompatible(server.BaseAddress, cache.Path)).Voter;

    // The names in the order the request listed them.
    private static List<string> Shown(RecordedRequest request) =>
    [
        .. request.MessageText(1).Split('\n')
            .Where(line => line.Length > 2 && char.IsDigit(line[0]) && line[1] == '.')
            .Select(line => line[3..line.IndexOf(" (", StringComparison.Ordinal)]),
    ];

    private static string PositionOf(RecordedRequest request, string name) =>
        (Shown(request).IndexOf(name) + 1).ToString(CultureInfo.InvariantCulture);

    [Fact(Timeout = 30_000)]
    public async Task Every_round_shows_the_candidates_in_another_order()
    {
        server.Responder = (request, _) => ScriptedReply.Ok(PositionOf(request, "Paris"));

        await Voter().VoteAsync(Left, Candidates, rounds: 3, CancellationToken.None);

        var orders = server.Requests.Select(r => string.Join("|", Shown(r))).ToList();
        Assert.Equal(3, orders.Count);
        Assert.Equal(3, orders.Distinct().Count());
        Assert.Equal(3, server.Requests.Select(r => Shown(r)[0]).Distinct().Count());
    }

    [Fact(Timeout = 30_000)]
    public async Task Votes_are_counted_per_candidate_whatever_position_it_was_shown_in()
    {
        server.Responder = (request, _) => ScriptedReply.Ok(PositionOf(request, "Paris"));

        var vote = await Voter().VoteAsync(Left, Candidates, rounds: 3, CancellationToken.None);

        Assert.Equal("2", vote.WinnerId);
        Assert.Equal(3, vote.Votes["2"]);
        Assert.Equal(1.0, vote.Confidence);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_model_that_always_answers_the_first_position_elects_nobody()
    {
        server.Responder = (_, _) => ScriptedReply.Ok("1");

        var vote = await Voter().VoteAsync(Left, Candidates, rounds: 3, CancellationToken.None);

        Assert.Null(vote.WinnerId);
        Assert.All(vote.Votes.Values, v => Assert.Equal(1, v));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_position_biased_model_that_mostly_knows_the_answer_elects_the_true_candidate()
    {
        // Knows the answer unless it is shown last; then falls back to position 1.
        server.Responder = (request, _) =>
        {
            var position = PositionOf(request, "Paris");
            return ScriptedReply.Ok(position == "3" ? "1" : position);
        };

        var vote = await Voter().VoteAsync(Left, Candidates, rounds: 3, CancellationToken.None);

        Assert.Equal("2", vote.WinnerId);
        Assert.Equal(2, vote.Votes["2"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Answers_that_name_no_candidate_are_discarded()
    {
        server.Responder = (request, index) => index switch
        {
            0 => ScriptedReply.Ok("7"),
            1 => ScriptedReply.Ok("Berlin, obviously."),
            _ => ScriptedReply.Ok("The answer is " + PositionOf(request, "Paris")),
        };

        var vote = await Voter().VoteAsync(Left, Candidates, rounds: 3, CancellationToken.None);

        Assert.Equal(2, vote.DiscardedAnswers);
        Assert.Equal(1, vote.Votes.Values.Sum());
        Assert.Equal("2", vote.WinnerId);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_rerun_is_served_from_the_cache()
    {
        server.Responder = (request, _) => ScriptedReply.Ok(PositionOf(request, "Paris"));
        await Voter().VoteAsync(Left, Candidates, rounds: 3, CancellationToken.None);

        var again = await Voter().VoteAsync(Left, Candidates, rounds: 3, CancellationToken.None);

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("2", again.WinnerId);
    }

    [Fact(Timeout = 30_000)]
    public async Task Rounds_beyond_the_number_of_candidates_are_not_asked()
    {
        server.Responder = (request, _) => ScriptedReply.Ok(PositionOf(request, "Paris"));

        var vote = await Voter().VoteAsync(Left, Candidates, rounds: 7, CancellationToken.None);

        Assert.Equal((3, 3), (server.Requests.Count, vote.Rounds));
    }

    [Theory]
    [InlineData("2", 1)]
    [InlineData("Candidate 3.", 2)]
    [InlineData("Lyon", 2)]
    [InlineData("0", null)]
    [InlineData("4", null)]
    [InlineData("Marseille", null)]
    public void Choices_are_read_as_a_number_or_a_quoted_candidate_name(string answer, int? position) =>
        Assert.Equal(position, ChoiceParser.Parse(answer, [Candidates[0], Candidates[1], Candidates[2]]));
}
