using GraphFusion.Core.Export;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Export;

/// <summary>Small graphs for the exporter tests, including document text that tries to break out of HTML.</summary>
internal static class ExportSamples
{
    public const string Injection = "</script><script>alert(1)</script>";
    public const string AttributeInjection = "\"><img src=x onerror=alert(2)>";

    public static GraphSnapshot Curie()
    {
        Entity[] entities =
        [
            new() { Id = "e-marie", Name = "Marie Curie", Type = "Person", Aliases = ["Maria Skłodowska-Curie", "Madame Curie"], Description = "Physicist and chemist.", MentionCount = 14, DocumentCount = 3 },
            new() { Id = "e-pierre", Name = "Pierre Curie", Type = "Person", Aliases = ["P. Curie"], MentionCount = 9, DocumentCount = 2 },
            new() { Id = "e-paris", Name = "University of Paris", Type = "Organization", Aliases = ["Sorbonne"], MentionCount = 5, DocumentCount = 2 },
            new() { Id = "e-radium", Name = "Radium", Type = "Chemical", MentionCount = 7, DocumentCount = 2 },
            new() { Id = "e-polonium", Name = "Polonium", Type = "Chemical", MentionCount = 4, DocumentCount = 1 },
            new() { Id = "e-nobel", Name = "Nobel Prize in Physics", Type = "Award", Aliases = ["Nobel Prize"], MentionCount = 3, DocumentCount = 2 },
            new() { Id = "e-evil", Name = Injection, Type = "Thing", Aliases = [AttributeInjection, "alpha & omega"], MentionCount = 1, DocumentCount = 1 },
        ];
        Relation[] relations =
        [
            Rel("r-1", "e-marie", "SPOUSE_OF", "e-pierre", 0.95, Ev("d-bio", "Marie Curie married Pierre Curie in 1895.", "SPOUSE_OF", 0.95)),
            Rel("r-2", "e-pierre", "SPOUSE_OF", "e-marie", 0.9, Ev("d-bio", "Pierre Curie and Madame Curie were married in Sceaux.", "SPOUSE_OF", 0.9)),
            Rel("r-3", "e-marie", "COLLABORATED_WITH", "e-pierre", 0.85,
                Ev("d-bio", "Together with P. Curie, Maria Skłodowska-Curie studied radioactivity.", "COLLABORATED_WITH", 0.85),
                Ev("d-lab", "Marie Curie worked with Pierre Curie at the School of Physics.", "EMPLOYED_BY", 0.4)),
            Rel("r-4", "e-marie", "DISCOVERED", "e-radium", 0.97, Ev("d-bio", "In 1898 Marie Curie discovered radium.", "DISCOVERED", 0.97)),
            Rel("r-5", "e-marie", "DISCOVERED", "e-polonium", 0.93, Ev("d-lab", "Polonium was named by Marie Curie after Poland.", "DISCOVERED", 0.93)),
            Rel("r-6", "e-marie", "WORKED_AT", "e-paris", 0.88, Ev("d-bio", "She taught at the Sorbonne.", "WORKED_AT", 0.88)),
            Rel("r-7", "e-marie", "RECEIVED", "e-nobel", 0.99, Ev("d-nobel", "Marie Curie received the Nobel Prize in Physics in 1903.", "RECEIVED", 0.99)),
            Rel("r-8", "e-pierre", "RECEIVED", "e-nobel", 0.99, Ev("d-nobel", "Pierre Curie shared the Nobel Prize.", "RECEIVED", 0.99)),
            Rel("r-9", "e-pierre", "WORKED_AT", "e-paris", 0.6, inferred: true, reasoning: "SPOUSE_OF(Pierre, Marie) and WORKED_AT(Marie, Sorbonne)"),
            Rel("r-10", "e-evil", "MENTIONS", "e-radium", 0.5, Ev("d-evil", "Text with " + Injection + " and " + AttributeInjection + " near radium.", "MENTIONS", 0.5)),
        ];
        var documents = new Dictionary<string, string>
        {
            ["d-bio"] = "curie-biography.pdf",
            ["d-lab"] = "lab-notes.docx",
            ["d-nobel"] = "nobel-1903.html",
            ["d-evil"] = "<b>evil</b>.txt",
        };
        return new GraphSnapshot(entities, relations, documents);
    }

    /// <summary>A graph over the reduced-view threshold: a few hubs with many small satellites.</summary>
    public static GraphSnapshot Large(int entityCount)
    {
        var entities = new List<Entity>(entityCount);
        var relations = new List<Relation>();
        string[] types = ["Person", "Organization", "Place", "Concept", "Event"];
        for (var i = 0; i < entityCount; i++)
        {
            entities.Add(new Entity
            {
                Id = $"n{i}",
                Name = $"Entity {i}",
                Type = types[i % types.Length],
                MentionCount = i < 40 ? 200 - i : 1 + (i % 7),
                DocumentCount = 1,
            });
            if (i > 0)
            {
                // hubs form a chain, every other entity hangs off one hub
                var target = i < 40 ? i - 1 : i % 40;
                relations.Add(Rel($"r{i}", $"n{i}", i % 3 == 0 ? "PART_OF" : "RELATED_TO", $"n{target}", 0.5 + (i % 5) / 10.0));
            }
        }

        return new GraphSnapshot(entities, relations, new Dictionary<string, string>());
    }

    private static Relation Rel(string id, string head, string type, string tail, double confidence, params Evidence[] evidence) =>
        new() { Id = id, HeadId = head, Type = type, TailId = tail, Confidence = confidence, Evidence = evidence };

    private static Relation Rel(string id, string head, string type, string tail, double confidence, bool inferred, string reasoning) =>
        new() { Id = id, HeadId = head, Type = type, TailId = tail, Confidence = confidence, Inferred = inferred, Reasoning = reasoning };

    private static Evidence Ev(string document, string snippet, string claimedType, double confidence) =>
        new(document, document + "#0", 0, snippet.Length, snippet, claimedType, confidence, "llm:test");
}
