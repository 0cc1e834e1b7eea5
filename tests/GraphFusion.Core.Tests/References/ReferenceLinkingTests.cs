using GraphFusion.Core.References;

namespace GraphFusion.Core.Tests.References;

public sealed class ReferenceLinkingTests
{
    private static readonly ReferenceLinker Linker = new(ReferenceIndex.Build(GlossaryReader.Read(GlossaryPath)));

    private static string GlossaryPath => Path.Combine(SampleFiles.RepoRoot, "samples", "references", "glossary.csv");

    [Theory]
    [InlineData("Invoice", "The invoice holds the amount due.", "invoice")]
    [InlineData("purchase orders", "Purchase orders go to suppliers.", "purchase-order")]
    [InlineData("Shipments", "Shipments leave the warehouse daily.", "shipment")]
    public void Exact_names_link_whatever_their_case_and_number(string surface, string sentence, string id) =>
        Assert.Equal(id, Linker.Link(surface, sentence)?.Entity.Id);

    [Theory]
    [InlineData("vendor", "Vendor names come from procurement.", "supplier")]
    [InlineData("attrition rate", "The attrition rate counts cancelled subscriptions.", "churn-rate")]
    [InlineData("GL account", "Each GL account receives debits.", "account-ledger")]
    public void Synonyms_link_to_their_term(string surface, string sentence, string id) =>
        Assert.Equal(id, Linker.Link(surface, sentence)?.Entity.Id);

    [Theory]
    [InlineData("CLV", "CLV is predicted per customer.", "clv")]
    [InlineData("COGS", "COGS includes materials.", "cogs")]
    [InlineData("MRR", "MRR grew this quarter.", "mrr")]
    public void Acronyms_link_to_the_term_they_abbreviate(string surface, string sentence, string id)
    {
        var link = Linker.Link(surface, sentence);

        Assert.Equal(id, link?.Entity.Id);
        Assert.InRange(link!.Confidence, 0.55, 1.0);
    }

    [Fact]
    public void An_expansion_links_to_a_term_that_is_an_acronym()
    {
        var linker = new ReferenceLinker(ReferenceIndex.Build([new ReferenceEntity("kyc", "KYC", [], "Identity checks of new customers", null, "test")]));

        Assert.Equal("kyc", linker.Link("know your customer", "Know your customer checks run at sign-up.")?.Entity.Id);
    }

    [Theory]
    [InlineData("Each account has an owner from the sales team and is tracked as a prospect in the CRM.", "account-crm")]
    [InlineData("Post the debit to the expense account in the chart of accounts.", "account-ledger")]
    public void The_description_decides_between_terms_that_share_a_name(string sentence, string id) =>
        Assert.Equal(id, Linker.Link("Account", sentence)?.Entity.Id);

    [Theory]
    [InlineData("Mercury is the closest planet to the sun and has almost no atmosphere.", "planet")]
    [InlineData("Mercury is a toxic metal, liquid at room temperature, once used in thermometers.", "element")]
    public void Json_lines_attributes_decide_between_records_without_descriptions(string sentence, string id)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mercury-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join('\n',
            "{\"id\":\"planet\",\"name\":\"Mercury\",\"type\":\"planet\",\"orbits\":\"sun\",\"features\":[\"thin atmosphere\",\"craters\"]}",
            "{\"id\":\"element\",\"name\":\"Mercury\",\"type\":\"chemical element\",\"category\":\"metal\",\"state\":\"liquid\",\"uses\":[\"thermometers\"],\"hazard\":\"toxic\"}"));
        try
        {
            var linker = new ReferenceLinker(ReferenceIndex.Build(ReferenceLoader.Load(path)));

            Assert.Equal(id, linker.Link("Mercury", sentence)?.Entity.Id);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Terms_sharing_a_name_without_context_give_an_uncertain_link()
    {
        var withContext = Linker.Link("Account", "Post the debit to the expense account in the chart of accounts.");
        var without = Linker.Link("Account", "See the account.");

        Assert.True(without is null || without.Confidence < withContext!.Confidence);
    }

    [Theory]
    [InlineData("Kubernetes cluster", "The service runs on a Kubernetes cluster.")]
    [InlineData("Sprint", "The sprint ends on Friday.")]
    [InlineData("Exchange rate", "The exchange rate converts euros to dollars.")]
    public void Unknown_concepts_are_nil(string surface, string sentence) => Assert.Null(Linker.Link(surface, sentence));

    [Fact]
    public void A_near_miss_name_links_only_with_supporting_context()
    {
        Assert.Equal("warehouse", Linker.Link("Warehose", "Inventory is picked and packed at the warehose.")?.Entity.Id);
        Assert.Null(Linker.Link("Warehose", "It happened."));
    }

    [Fact]
    public async Task Glossary_evaluation_on_the_sample_cases()
    {
        var cases = LinkingCaseReader.Read(Path.Combine(SampleFiles.RepoRoot, "samples", "references", "linking-cases.tsv"));

        var result = await LinkingEvaluator.EvaluateAsync(Linker, cases, CancellationToken.None);

        Assert.True(cases.Count >= 40);
        Assert.True(result.NilCases >= 10);
        Assert.True(result.Accuracy >= 0.85, $"accuracy {result.Accuracy:0.000}: " + string.Join("; ", result.Outcomes.Where(o => !o.Correct).Select(o => $"{o.Case.Surface}→{o.PredictedId ?? "NIL"}")));
        Assert.True(result.NilPrecision >= 0.8 && result.NilRecall >= 0.7, $"NIL P {result.NilPrecision:0.000} R {result.NilRecall:0.000}");
    }
}
