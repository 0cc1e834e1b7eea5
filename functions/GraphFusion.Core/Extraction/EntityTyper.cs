using GraphFusion.Core.Linking;

namespace GraphFusion.Core.Extraction;

/// <summary>Types a concept from its head word: "named entity recognition" is a Task, "recurrent network" a Method.</summary>
public static class EntityTyper
{
    public const string Task = "Task";
    public const string Method = "Method";
    public const string Metric = "Metric";
    public const string Material = "Material";
    public const string Concept = "Concept";

    private static readonly Dictionary<string, string> Heads = Build(
        (Task, "recognition translation classification detection parsing extraction generation answering analysis summarization segmentation retrieval tagging labeling labelling prediction resolution understanding modeling modelling alignment search reasoning linking completion inference clustering matching ranking tracking localization"),
        (Method, "model network algorithm method technique architecture encoder decoder transformer embedding embeddings learning regression tree forest machine classifier parser tokenizer optimizer attention mechanism framework pipeline system tool library database graph language protocol service function layer kernel heuristic strategy procedure descent propagation memory index engine compiler runtime container storage queue api"),
        (Metric, "accuracy precision recall f1 f-score score bleu rouge perplexity error loss latency throughput metric auc mrr hits@1 hits@10 measure"),
        (Material, "dataset datasets corpus corpora benchmark treebank collection data text texts document documents lexicon dictionary glossary ontology taxonomy vocabulary"));

    public static string TypeOf(string surface)
    {
        var key = NameNormalizer.Key(surface);
        var head = key.Split(' ')[^1];
        return Heads.TryGetValue(head, out var type) ? type : Concept;
    }

    public static bool IsTechnicalHead(string word) => Heads.ContainsKey(NameNormalizer.Key(word));

    private static Dictionary<string, string> Build(params (string Type, string Words)[] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, words) in groups)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map.TryAdd(NameNormalizer.Key(word), type);
            }
        }

        return map;
    }
}
