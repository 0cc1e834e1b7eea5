namespace GraphFusion.Core.Extraction;

/// <summary>Function words that end a phrase, and generic words that are never a concept on their own.</summary>
public static class StopWords
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "into",
        "onto", "over", "under", "between", "among", "through", "during", "about", "against", "via", "per", "as", "than", "such",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "can", "could", "may",
        "might", "must", "shall", "should", "will", "would", "this", "that", "these", "those", "it", "its", "they", "them",
        "their", "we", "our", "us", "you", "your", "he", "she", "his", "her", "i", "my", "which", "who", "whom", "whose", "what",
        "when", "where", "why", "how", "not", "no", "also", "both", "either", "neither", "each", "every", "all", "any", "some",
        "many", "much", "more", "most", "less", "least", "few", "other", "another", "same", "so", "then", "thus", "hence",
        "however", "therefore", "while", "whereas", "although", "though", "if", "because", "since", "until", "unless", "after",
        "before", "above", "below", "up", "down", "out", "off", "again", "further", "once", "here", "there", "very", "too",
        "only", "just", "even", "well", "often", "usually", "typically", "generally", "mainly", "mostly", "particularly",
        "use", "uses", "used", "using", "propose", "proposes", "proposed", "present", "presents", "presented", "show", "shows",
        "shown", "showed", "introduce", "introduces", "introduced", "describe", "describes", "described", "achieve", "achieves",
        "achieved", "apply", "applies", "applied", "improve", "improves", "improved", "outperform", "outperforms", "require",
        "requires", "required", "include", "includes", "including", "consist", "consists", "contain", "contains", "based",
        "compared", "compare", "compares", "evaluate", "evaluates", "evaluated", "measure", "measures", "measured", "known",
        "called", "make", "makes", "made", "allow", "allows", "allowed", "provide", "provides", "provided", "help", "helps",
        "learn", "learns", "learned", "combine", "combines", "combined", "extend", "extends", "extended", "build", "builds",
        "built", "depend", "depends", "rely", "relies", "perform", "performs", "performed", "obtain", "obtains", "obtained",
        "one", "two", "three", "first", "second", "new", "e.g", "i.e", "etc", "like", "can't", "won't", "it's", "there's",
        "well-known", "able", "need", "needs", "work", "works", "take", "takes", "call", "relate", "related", "serve", "serves",
        "find", "finds", "found", "refer", "refers", "referring", "avoid", "avoids", "avoiding", "rather", "mitigate", "mitigates",
        "merge", "merges", "merged", "map", "maps", "mapped", "store", "stores", "stored", "train", "trains", "trained", "become",
        "becomes", "give", "gives", "given", "get", "gets", "see", "seen", "let", "lets", "want", "try", "tries", "keep", "keeps",
        "run", "runs", "mean", "means", "support", "supports", "supported", "produce", "produces", "produced", "play", "plays",
    };

    private static readonly HashSet<string> GenericModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "novel", "new", "various", "several", "different", "existing", "recent", "current", "previous", "standard", "simple",
        "effective", "efficient", "popular", "common", "typical", "modern", "traditional", "conventional", "general", "specific",
        "key", "main", "important", "good", "better", "best", "large-scale", "state-of-the-art", "strong", "powerful", "robust",
        "proposed", "original", "given", "particular", "certain", "overall", "significant", "widely", "commonly",
    };

    private static readonly HashSet<string> GenericHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "approach", "approaches", "result", "results", "paper", "papers", "work", "works", "study", "studies", "way", "ways",
        "problem", "problems", "issue", "issues", "thing", "things", "kind", "kinds", "type", "types", "part", "parts",
        "example", "examples", "case", "cases", "number", "numbers", "lot", "lots", "set", "sets", "order", "terms", "term",
        "performance", "experiment", "experiments", "article", "section", "figure", "table", "idea", "ideas", "aspect", "aspects",
    };

    public static bool IsStop(string word) => Stop.Contains(word);

    public static bool IsGenericModifier(string word) => GenericModifiers.Contains(word) || Stop.Contains(word);

    public static bool IsGenericHead(string word) => GenericHeads.Contains(word) || Stop.Contains(word);
}
