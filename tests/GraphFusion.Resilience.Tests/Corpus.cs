using System.Text;

namespace GraphFusion.Resilience.Tests;

/// <summary>Small generated documents over a shared vocabulary, so that documents mention the same concepts.</summary>
internal static class Corpus
{
    private static readonly string[] Methods =
    [
        "Long short-term memory (LSTM)", "LSTM networks", "Convolutional neural networks", "Transformers", "BERT",
        "Hidden Markov models", "Support vector machines", "Random forests", "Graph neural networks", "Kalman filters",
        "Gradient boosting", "Recurrent neural networks", "Word embeddings", "Conditional random fields", "Beam search",
        "Variational autoencoders", "Generative adversarial networks", "Attention mechanisms", "Decision trees", "Logistic regression",
    ];

    private static readonly string[] Tasks =
    [
        "speech recognition", "machine translation", "image classification", "named entity recognition", "link prediction",
        "sensor fusion", "sentiment analysis", "question answering", "anomaly detection", "text summarization",
        "object detection", "topic modelling", "part-of-speech tagging", "relation extraction", "time series forecasting",
    ];

    private static readonly string[] Kinds = ["neural network", "statistical model", "machine learning method", "sequence model", "classifier"];

    /// <summary>Writes <paramref name="count"/> documents of a few sentences each into <paramref name="folder"/>; same seed, same files.</summary>
    public static IReadOnlyList<string> Write(string folder, int count, int seed, int sentences = 6)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            for (var s = 0; s < sentences; s++)
            {
                var method = Methods[random.Next(Methods.Length)];
                text.Append(random.Next(3) switch
                {
                    0 => $"{method} are used for {Tasks[random.Next(Tasks.Length)]}. ",
                    1 => $"{method} is a type of {Kinds[random.Next(Kinds.Length)]}. ",
                    _ => $"{method} outperforms {Methods[random.Next(Methods.Length)]} on {Tasks[random.Next(Tasks.Length)]}. ",
                });
            }

            var path = Path.Combine(folder, $"doc-{i:D3}.txt");
            File.WriteAllText(path, text.ToString().Trim());
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>Documents that all mention the same few concepts, each with its own sentence about them.</summary>
    public static IReadOnlyList<string> WriteOverlapping(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var text = $"Long short-term memory (LSTM) is a type of recurrent neural network. " +
                $"LSTM networks are used for {Tasks[i % Tasks.Length]}. " +
                $"Transformers outperform LSTMs on {Tasks[(i + 3) % Tasks.Length]}. " +
                $"BERT is a type of Transformer encoder. Study {i} uses {Methods[i % Methods.Length]} for {Tasks[(i * 7) % Tasks.Length]}.";
            var path = Path.Combine(folder, $"same-{i:D2}.txt");
            File.WriteAllText(path, text);
            paths.Add(path);
        }

        return paths;
    }
}
