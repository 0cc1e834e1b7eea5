namespace GraphFusion.Core.References;

/// <summary>
/// How well a mention's sentence fits a reference entity's description: the content words they share, as
/// <c>n / (n + 1.5)</c> (one shared word 0.4, two 0.57, three 0.67), or the cosine of their embeddings when higher.
/// </summary>
public static class ContextScorer
{
    public static double Words(IReadOnlySet<string> sentence, IReadOnlySet<string> description)
    {
        var shared = sentence.Count(description.Contains);
        return shared / (shared + 1.5);
    }

    public static double Embeddings(float[]? sentence, float[]? description)
    {
        if (sentence is null || description is null || sentence.Length != description.Length)
        {
            return 0;
        }

        double dot = 0, a = 0, b = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            dot += sentence[i] * description[i];
            a += sentence[i] * sentence[i];
            b += description[i] * description[i];
        }

        return a == 0 || b == 0 ? 0 : Math.Clamp(dot / Math.Sqrt(a * b), 0, 1);
    }
}
