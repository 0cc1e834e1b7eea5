using GraphFusion.Core.References;

namespace GraphFusion.Core.Tests.References;

public sealed class ReferenceFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gf-references-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_glossary_gives_terms_synonyms_parents_and_unique_ids()
    {
        var path = Write("g.csv", "term,description,synonyms,parent\nRevenue,\"Money earned, before costs\",turnover; sales,Finance\nAccount,A CRM company,,Sales\nAccount,A ledger account,,Finance\n");

        var terms = ReferenceLoader.Load(path);

        Assert.Equal(["revenue", "account", "account#2"], terms.Select(t => t.Id));
        Assert.Equal(["turnover", "sales"], terms[0].Aliases);
        Assert.Equal(("Money earned, before costs", "Finance", "g.csv"), (terms[0].Description, terms[0].Parent, terms[0].Source));
        Assert.Empty(terms[1].Aliases);
    }

    [Fact]
    public void A_tsv_glossary_needs_no_quotes()
    {
        var path = Write("g.tsv", "term\tdescription\nRevenue\tMoney earned, \"gross\"\n");

        Assert.Equal("Money earned, \"gross\"", Assert.Single(ReferenceLoader.Load(path)).Description);
    }

    [Theory]
    [InlineData("label,text\nRevenue,x\n", 1, "no 'term' column")]
    [InlineData("term,description\nRevenue,\"open quote\n", 2, "not closed")]
    [InlineData("term,description\nRevenue,ok\n,empty term\n", 3, "term is empty")]
    [InlineData("term,description\nRevenue,one,two\n", 2, "quote fields that contain commas")]
    [InlineData("id,term,description\nx,A,a\nx,B,b\n", 3, "used twice")]
    public void Malformed_glossaries_name_the_file_and_line(string text, int line, string problem)
    {
        var path = Write("bad.csv", text);

        var error = Assert.Throws<ReferenceFormatException>(() => ReferenceLoader.Load(path));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"{path}:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_give_entities_with_aliases_and_their_other_members_as_attributes()
    {
        var path = Write("e.jsonl", "{\"id\":\"Q1\",\"name\":\"Gross Margin\",\"aliases\":[\"GM\"],\"description\":\"Revenue minus COGS\",\"owner\":\"finance\",\"unit\":\" percent \",\"decimals\":2,\"audited\":true,\"tags\":[\"kpi\",3,{\"x\":1}],\"meta\":{\"a\":1},\"empty\":\"\",\"none\":null}\n\n{\"id\":2,\"name\":\"Churn\"}\n");

        var entities = ReferenceLoader.Load(path);

        Assert.Equal(["Q1", "2"], entities.Select(e => e.Id));
        Assert.Equal(["GM"], entities[0].Aliases);
        Assert.Equal(
            new Dictionary<string, string> { ["owner"] = "finance", ["unit"] = "percent", ["decimals"] = "2", ["audited"] = "true", ["tags"] = "kpi, 3" },
            entities[0].Attributes);
        Assert.Equal(["true", "2", "finance", "kpi, 3", "percent"], entities[0].AttributeValues());
        Assert.Equal("", entities[1].Description);
        Assert.Null(entities[1].Attributes);
    }

    [Theory]
    [InlineData("{\"id\":\"a\",\"name\":\"A\"}\n{not json}\n", 2, "not a JSON object")]
    [InlineData("{\"id\":\"a\"}\n", 1, "'name' is missing")]
    [InlineData("{\"id\":\"a\",\"name\":\"A\",\"aliases\":\"A1\"}\n", 1, "array of strings")]
    [InlineData("[1,2]\n", 1, "expected a JSON object")]
    public void Malformed_json_lines_name_the_file_and_line(string text, int line, string problem)
    {
        var path = Write("bad.jsonl", text);

        var error = Assert.Throws<ReferenceFormatException>(() => ReferenceLoader.Load(path));

        Assert.StartsWith($"{path}:{line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_triple_folder_gives_entities_described_by_their_neighbours()
    {
        Write("ent_ids", "1\thttp://dbpedia.org/resource/Gross_margin\n2\thttp://dbpedia.org/resource/Revenue\n");
        Write("triples", "1\t7\t2\n");

        var entities = ReferenceLoader.Load(folder);

        Assert.Equal(("1", "Gross margin", "Revenue"), (entities[0].Id, entities[0].Name, entities[0].Description));
    }

    [Fact]
    public void A_malformed_triple_file_names_the_file_and_line()
    {
        Write("ent_ids", "1\thttp://x/A\n2\thttp://x/B\n");
        Write("triples", "1\t7\t2\n1\tseven\t2\n");

        var error = Assert.Throws<ReferenceFormatException>(() => ReferenceLoader.Load(folder));

        Assert.Contains(Path.Combine(folder, "triples") + ":2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_extensions_are_refused()
    {
        var path = Write("terms.xlsx", "x");

        Assert.Contains("unknown reference format", Assert.Throws<ReferenceFormatException>(() => ReferenceLoader.Load(path)).Message, StringComparison.Ordinal);
    }
}
