namespace GraphFusion.Inference.Tests;

[Collection(EncoderCollection.Name)]
public sealed class Diag(EncoderFixture fixture)
{
    [Fact]
    public void Dump()
    {
        var vocab = File.ReadAllLines("/tmp/vocab_lf.txt");
        using var w = new StreamWriter("/tmp/diag.txt");
        foreach (var text in Corpus.Sentences)
        {
            var a = fixture.Encoder.Tokenize(text);
            var b = fixture.ReferenceTokens(text);
            if (a.SequenceEqual(b)) continue;
            w.WriteLine(text.ReplaceLineEndings(" "));
            w.WriteLine("  ours: " + string.Join(" ", a.Select(i => vocab[i])));
            w.WriteLine("  pkg : " + string.Join(" ", b.Select(i => vocab[i])));
        }
    }
}
