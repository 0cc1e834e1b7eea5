using System.Text.Json;
using GraphFusion.Inference.Extraction;

namespace GraphFusion.Inference.Training;

/// <summary>One SciERC sentence: its words and its labels (word offsets relative to the sentence).</summary>
/// <param name="DocumentKey">The abstract's key.</param>
/// <param name="Words">The sentence's tokens as the encoder reads them (treebank escapes undone).</param>
/// <param name="Labels">Entities and relations.</param>
public sealed record SciErcSentence(string DocumentKey, IReadOnlyList<string> Words, SentenceLabels Labels);

/// <summary>Reads SciERC in the DyGIE JSON-lines format (document-level token offsets, inclusive).</summary>
public static class SciErcReader
{
    /// <summary>All sentences of the file, in order.</summary>
    public static IReadOnlyList<SciErcSentence> Read(string path)
    {
        var sentences = new List<SciErcSentence>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var key = root.TryGetProperty("doc_key", out var k) ? k.ToString() : $"line{line}";
            var tokens = root.GetProperty("sentences").EnumerateArray().Select(s => s.EnumerateArray().Select(t => t.GetString() ?? "").ToArray()).ToArray();
            var ner = root.TryGetProperty("ner", out var n) ? n.EnumerateArray().ToArray() : [];
            var relations = root.TryGetProperty("relations", out var r) ? r.EnumerateArray().ToArray() : [];
            var offset = 0;
            for (var i = 0; i < tokens.Length; i++)
            {
                var count = tokens[i].Length;
                var entities = new List<EntityLabel>();
                if (i < ner.Length)
                {
                    foreach (var e in ner[i].EnumerateArray())
                    {
                        var start = e[0].GetInt32() - offset;
                        var end = e[1].GetInt32() - offset;
                        if (start >= 0 && end < count && start <= end)
                        {
                            entities.Add(new EntityLabel(start, end, e[2].GetString() ?? ""));
                        }
                    }
                }

                var links = new List<RelationLabel>();
                if (i < relations.Length)
                {
                    foreach (var e in relations[i].EnumerateArray())
                    {
                        var values = new int[4];
                        for (var v = 0; v < 4; v++)
                        {
                            values[v] = e[v].GetInt32() - offset;
                        }

                        if (values.All(v => v >= 0 && v < count))
                        {
                            links.Add(new RelationLabel(values[0], values[1], values[2], values[3], e[4].GetString() ?? ""));
                        }
                    }
                }

                sentences.Add(new SciErcSentence(key, Array.ConvertAll(tokens[i], WordTokenizer.Unescape), new SentenceLabels(entities, links)));
                offset += count;
            }
        }

        return sentences;
    }
}
