using System.Globalization;
using System.Text;

namespace GraphFusion.Inference.Tests;

internal static class Corpus
{
    /// <summary>About a hundred varied texts: prose, science, code, numbers, punctuation, CJK, emoji, accents, blanks.</summary>
    public static readonly string[] Sentences =
    [
        "",
        " ",
        "\t\n",
        "a",
        "Hello, World!",
        "The quick brown fox jumps over the lazy dog.",
        "Graph neural networks aggregate information from neighbouring nodes.",
        "We propose a novel method for joint entity and relation extraction.",
        "The model achieves an F1 score of 87.3% on the SciERC test set.",
        "Knowledge graphs represent facts as (subject, predicate, object) triples.",
        "Transformers use self-attention to weigh the importance of each token.",
        "BERT was pre-trained on BooksCorpus and English Wikipedia.",
        "In 2017, Vaswani et al. introduced the Transformer architecture.",
        "Mean pooling averages token embeddings, weighted by the attention mask.",
        "L2 normalisation puts every embedding on the unit sphere.",
        "What is the capital of France?",
        "Paris is the capital and most populous city of France.",
        "I can't believe it's not butter!",
        "She said: \"Don't go there.\"",
        "e-mail: someone@example.com, phone +1 (555) 010-9999",
        "https://example.org/path?query=1&x=y#fragment",
        "C# 14 adds extension members; F# is functional-first.",
        "for (int i = 0; i < n; i++) { sum += a[i] * b[i]; }",
        "SELECT name FROM users WHERE age > 30 ORDER BY name;",
        "x^2 + y^2 = r^2, so r = sqrt(x^2 + y^2).",
        "The temperature was -40°C, which equals -40°F.",
        "3.14159265358979323846264338327950288419716939937510",
        "1,234,567.89 USD / 2,000 EUR ≈ 617.28",
        "ACME Corp. reported Q3 revenue of $4.2B, up 12% YoY.",
        "The mitochondria is the powerhouse of the cell.",
        "Photosynthesis converts light energy into chemical energy.",
        "Proteins fold into three-dimensional structures determined by their sequence.",
        "CRISPR-Cas9 enables precise editing of genomic DNA.",
        "The patient was administered 500 mg of acetaminophen every six hours.",
        "Quantum entanglement links the states of two particles.",
        "Black holes emit Hawking radiation, according to theory.",
        "The Treaty of Westphalia was signed in 1648.",
        "Shakespeare wrote Hamlet around the year 1600.",
        "Water boils at one hundred degrees Celsius at sea level.",
        "The stock market fell sharply after the announcement.",
        "Please reset your password using the link below.",
        "Our API returns HTTP 429 when the rate limit is exceeded.",
        "Kubernetes schedules pods onto nodes in a cluster.",
        "The GPU worker batches requests to improve throughput.",
        "Dynamic batching trades a little latency for much higher throughput.",
        "Retrieval-augmented generation grounds answers in retrieved documents.",
        "Entity linking maps mentions to entries in a knowledge base.",
        "Coreference resolution finds expressions that refer to the same entity.",
        "Relation extraction identifies semantic relations between entities.",
        "Named entity recognition tags persons, organisations and locations.",
        "UNESCO, NATO and the WHO are international organisations.",
        "NASA's Perseverance rover landed on Mars in February 2021.",
        "The Amazon river flows through Brazil, Peru and Colombia.",
        "Mount Everest is 8,849 metres tall.",
        "I love this movie!!! 10/10 would watch again...",
        "Terrible service; never coming back.",
        "ok",
        "OK OK OK OK",
        "lowercase text without punctuation at all",
        "ALL CAPS SENTENCE SHOUTING LOUDLY",
        "MiXeD CaSe WoRdS iN a SeNtEnCe",
        "hyphenated-compound-words and snake_case_identifiers",
        "CamelCaseIdentifiersAreSplitIntoWordPieces",
        "antidisestablishmentarianism floccinaucinihilipilification",
        "supercalifragilisticexpialidocious",
        "Tokenization of unknownwordsthatarenotinthevocabulary works.",
        "[CLS] and [SEP] written literally in the text.",
        "Tabs\tand\nnewlines\r\nare whitespace.",
        "Multiple     spaces    between words.",
        "Trailing and leading spaces   ",
        "   leading spaces",
        "!!!???...,,,;;;:::",
        "()[]{}<>",
        "@#$%^&*_+=|\\~`",
        "日本語のテキストも扱えます。",
        "中文句子用于测试分词。",
        "한국어 문장입니다.",
        "Русский текст для проверки.",
        "Ελληνικά γράμματα αλφα βήτα.",
        "עברית מימין לשמאל",
        "العربية من اليمين إلى اليسار",
        "हिन्दी वाक्य परीक्षण के लिए।",
        "Emoji test 😀 with a smiley.",
        "Rocket🚀launch",
        "Flags 🇫🇷 🇩🇪 and hearts ❤️💙",
        "Math symbols: ∑ ∫ √ ∞ ≠ ≤ ≥",
        "Arrows → ← ↑ ↓ and bullets • ◦",
        "Currency: € £ ¥ ₹ ₿",
        "Fractions ½ ¼ ¾ and superscripts ² ³",
        "Café au lait",
        "naïve résumé",
        "The façade of the Château de Versailles is élégant.",
        "São Paulo, Zürich, Kraków and Reykjavík are cities.",
        "Ångström, Ærø and Øresund",
        "Crème brûlée à la française",
        "Straße und Fußgängerübergang",
        "İstanbul and ıstanbul",
        "Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ",
        "Zero\u200Bwidth space and soft\u00ADhyphen",
        "Control\u0007characters\u0001inside",
        "Repeated words words words words words words words words words words.",
    ];

    /// <summary>The text with accents removed (NFD, non-spacing marks dropped), as BERT uncased does.</summary>
    public static string StripAccents(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A text of <paramref name="words"/> words, each a single word piece.</summary>
    public static string SingleTokenWords(int words)
    {
        string[] vocabulary = ["the", "cat", "sat", "on", "mat", "and", "dog", "ran", "to", "park", "with", "a", "red", "ball"];
        return string.Join(' ', Enumerable.Range(0, words).Select(i => vocabulary[i % vocabulary.Length]));
    }
}
