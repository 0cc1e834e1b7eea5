using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Tests.Linking;

public class LinkingTests
{
    [Theory]
    [InlineData("Neural Networks", "neural network")]
    [InlineData("neural-network", "neural network")]
    [InlineData("Knowledge graphs", "knowledge graph")]
    [InlineData("queries", "query")]
    [InlineData("Corpus", "corpus")]
    [InlineData("Naïve  Bayes", "naive bayes")]
    [InlineData("C++", "c++")]
    [InlineData("analysis", "analysis")]
    public void Keys_fold_case_accents_hyphens_and_plurals(string surface, string key) => Assert.Equal(key, NameNormalizer.Key(surface));

    [Fact]
    public void Acronym_definitions_are_found_with_their_expansion()
    {
        var found = AcronymDetector.Find("We use long short-term memory (LSTM) and named entity recognition (NER) but not (this).");

        Assert.Equal([("LSTM", "long short-term memory"), ("NER", "named entity recognition")], found.Select(f => (f.Acronym, f.Expansion)));
    }

    [Fact]
    public void Parenthesised_words_that_do_not_match_the_preceding_words_are_ignored()
    {
        Assert.Empty(AcronymDetector.Find("The results were good (BLEU) overall."));
    }
}

public class SurfaceCleanerTests
{
    [Theory]
    [InlineData("Named entity recognition (NER)", "Named entity recognition", "NER")]
    [InlineData("Machine\ntranslation", "Machine translation", null)]
    [InlineData("  graph data, ", "graph data", null)]
    [InlineData("results (see below)", "results (see below)", null)]
    public void Surfaces_are_tidied_and_trailing_acronyms_split_off(string surface, string expected, string? acronym)
    {
        Assert.Equal((expected, acronym), SurfaceCleaner.Clean(surface));
    }
}
