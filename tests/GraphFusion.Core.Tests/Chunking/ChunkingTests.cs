using GraphFusion.Core.Chunking;

namespace GraphFusion.Core.Tests.Chunking;

public class ChunkingTests
{
    [Fact]
    public void Sentences_split_on_terminal_punctuation_but_not_abbreviations()
    {
        const string text = "Models such as BERT, e.g. RoBERTa, work well. J. Smith et al. showed it in Fig. 3. Does it scale? Yes!";

        var sentences = SentenceSplitter.Split(text).Select(s => text[s.Start..s.End]).ToList();

        Assert.Equal(
            ["Models such as BERT, e.g. RoBERTa, work well.", "J. Smith et al. showed it in Fig. 3.", "Does it scale?", "Yes!"],
            sentences);
    }

    [Fact]
    public void Paragraph_breaks_end_sentences()
    {
        var sentences = SentenceSplitter.Split("A heading\n\nThe body text follows.");
        Assert.Equal(2, sentences.Count);
    }

    [Fact]
    public void Chunks_cover_the_text_with_overlap_and_stable_ids()
    {
        var text = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"Sentence number {i} talks about topic {i % 7}."));
        var chunker = new Chunker(new ChunkingOptions { TargetChars = 300, OverlapSentences = 1 });

        var chunks = chunker.Split(text);
        var again = chunker.Split(text);

        Assert.True(chunks.Count > 5);
        Assert.Equal(chunks.Select(c => c.Id), again.Select(c => c.Id));
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(text.Length, chunks[^1].End);
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Start < chunks[i - 1].End, "consecutive chunks overlap by a sentence");
            Assert.Equal(text[chunks[i].Start..chunks[i].End], chunks[i].Text);
        }

        Assert.All(chunks, c => Assert.True(c.Text.Length <= 300 || c.Text.Count(ch => ch == '.') == 1));
    }

    [Fact]
    public void Editing_one_sentence_changes_only_the_chunks_that_contain_it()
    {
        var sentences = Enumerable.Range(1, 40).Select(i => $"Fact {i} is stated here.").ToList();
        var chunker = new Chunker(new ChunkingOptions { TargetChars = 200, OverlapSentences = 0 });
        var before = chunker.Split(string.Join(' ', sentences)).Select(c => c.Id).ToHashSet();
        sentences[39] = "Fact 40 is stated differently.";
        var after = chunker.Split(string.Join(' ', sentences)).Select(c => c.Id).ToList();

        Assert.Equal(after.Count - 1, after.Count(before.Contains));
    }
}
