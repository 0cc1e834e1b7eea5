using System.Globalization;
using System.Text;

namespace GraphFusion.Core.Export;

/// <summary>
/// RDF 1.1 Turtle. Each entity is <c>&lt;urn:graphfusion:entity:ID&gt;</c> typed <c>gf:Entity</c> with <c>rdfs:label</c>,
/// <c>gf:entityType</c>, <c>skos:altLabel</c> per alias and counts. Each relation is both a direct triple
/// <c>head gfr:TYPE tail</c> and a node <c>&lt;urn:graphfusion:relation:ID&gt;</c> typed <c>gf:Relation</c> with
/// <c>gf:head</c>, <c>gf:tail</c>, <c>gf:relationType</c>, <c>gf:confidence</c>, <c>gf:inferred</c> and <c>gf:evidenceCount</c>.
/// </summary>
public static class TurtleExporter
{
    public const string Vocabulary = "urn:graphfusion:vocab#";
    public const string RelationVocabulary = "urn:graphfusion:relation-type#";
    public const string EntityBase = "urn:graphfusion:entity:";
    public const string RelationBase = "urn:graphfusion:relation:";

    public static void Write(GraphSnapshot graph, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine($"@prefix gf: <{Vocabulary}> .");
        writer.WriteLine($"@prefix gfr: <{RelationVocabulary}> .");
        writer.WriteLine("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .");
        writer.WriteLine("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .");
        writer.WriteLine("@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .");
        writer.WriteLine();
        foreach (var entity in Snapshots.Entities(graph))
        {
            writer.WriteLine($"{Iri(EntityBase + entity.Id)} a gf:Entity ;");
            writer.WriteLine($"    rdfs:label {Literal(entity.Name)} ;");
            writer.WriteLine($"    gf:entityType {Literal(entity.Type)} ;");
            foreach (var alias in entity.Aliases)
            {
                writer.WriteLine($"    skos:altLabel {Literal(alias)} ;");
            }

            if (entity.Description is not null)
            {
                writer.WriteLine($"    rdfs:comment {Literal(entity.Description)} ;");
            }

            writer.WriteLine($"    gf:mentions {Integer(entity.MentionCount)} ;");
            writer.WriteLine($"    gf:documents {Integer(entity.DocumentCount)} .");
            writer.WriteLine();
        }

        foreach (var relation in Snapshots.Relations(graph))
        {
            writer.WriteLine($"{Iri(EntityBase + relation.HeadId)} {Iri(RelationVocabulary + relation.Type)} {Iri(EntityBase + relation.TailId)} .");
            writer.WriteLine($"{Iri(RelationBase + relation.Id)} a gf:Relation ;");
            writer.WriteLine($"    gf:head {Iri(EntityBase + relation.HeadId)} ;");
            writer.WriteLine($"    gf:tail {Iri(EntityBase + relation.TailId)} ;");
            writer.WriteLine($"    gf:relationType {Literal(relation.Type)} ;");
            writer.WriteLine($"    gf:confidence \"{relation.Confidence.ToString("R", CultureInfo.InvariantCulture)}\"^^xsd:double ;");
            writer.WriteLine($"    gf:inferred {(relation.Inferred ? "true" : "false")} ;");
            writer.WriteLine($"    gf:evidenceCount {Integer(relation.Evidence.Count)} .");
            writer.WriteLine();
        }
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An IRI with the characters Turtle forbids inside &lt;&gt; percent-encoded.</summary>
    internal static string Iri(string value)
    {
        var builder = new StringBuilder("<");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b <= 0x20 || b >= 0x7f || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\' or '%')
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('>').ToString();
    }

    internal static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in GraphMlExporter.XmlText(value))
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
