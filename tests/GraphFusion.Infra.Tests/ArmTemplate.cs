using System.Text.Json;
using System.Text.RegularExpressions;

namespace GraphFusion.Infra.Tests;

/// <summary>One resource of the compiled template, with the (nested) template that declares it.</summary>
internal sealed record ArmResource(JsonElement Element, JsonElement Template, string DeploymentPath)
{
    public string Type => Element.GetProperty("type").GetString() ?? string.Empty;

    public string Name => Element.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;

    public string Kind => Element.TryGetProperty("kind", out var k) ? k.GetString() ?? string.Empty : string.Empty;

    public string? Condition => Element.TryGetProperty("condition", out var c) ? c.ToString() : null;

    public JsonElement Properties => Element.TryGetProperty("properties", out var p) ? p : default;

    /// <summary>Follows a dotted path below the resource (e.g. "properties.siteConfig.appSettings").</summary>
    public JsonElement? At(string path) => ArmTemplate.At(Element, path);

    public override string ToString() => $"{Type} {Name} ({DeploymentPath})";
}

/// <summary>The ARM JSON produced by `bicep build`, with module deployments flattened.</summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonDocument document, IReadOnlyList<ArmResource> resources, IReadOnlyList<JsonElement> templates)
    {
        Document = document;
        Resources = resources;
        Templates = templates;
    }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>Every resource, including those of nested (module) deployments.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>The root template and every nested template.</summary>
    public IReadOnlyList<JsonElement> Templates { get; }

    public static ArmTemplate Parse(string json)
    {
        var document = JsonDocument.Parse(json);
        var resources = new List<ArmResource>();
        var templates = new List<JsonElement>();
        Walk(document.RootElement, "main", resources, templates);
        return new ArmTemplate(document, resources, templates);
    }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    public static JsonElement? At(JsonElement element, string path)
    {
        var current = element;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// Resolves a value that may come from a copy loop over a template variable
    /// (<c>[variables('x')[copyIndex()].member]</c>) to every value it takes; a literal resolves to itself.
    /// </summary>
    public static IReadOnlyList<string> ResolveLoopValues(JsonElement template, string expression)
    {
        var match = LoopVariablePattern().Match(expression);
        if (!match.Success)
        {
            return [expression];
        }

        var variable = template.GetProperty("variables").GetProperty(match.Groups["var"].Value);
        var member = match.Groups["member"].Success ? match.Groups["member"].Value : null;
        return variable.EnumerateArray()
            .Select(item => member is null ? item.GetString() : item.GetProperty(member).GetString())
            .Select(v => v ?? string.Empty)
            .ToList();
    }

    private static void Walk(JsonElement template, string path, List<ArmResource> resources, List<JsonElement> templates)
    {
        templates.Add(template);
        if (!template.TryGetProperty("resources", out var list))
        {
            return;
        }

        // languageVersion 2.0 templates hold resources in an object keyed by symbolic name.
        var items = list.ValueKind == JsonValueKind.Object
            ? list.EnumerateObject().Select(p => p.Value)
            : list.EnumerateArray();
        foreach (var resource in items)
        {
            var armResource = new ArmResource(resource, template, path);
            resources.Add(armResource);
            if (armResource.Type == "Microsoft.Resources/deployments"
                && At(resource, "properties.template") is { } nested)
            {
                Walk(nested, $"{path}/{armResource.Name}", resources, templates);
            }
        }
    }

    [GeneratedRegex(@"variables\('(?<var>\w+)'\)\[copyIndex\(\)\](?:\.(?<member>\w+))?")]
    private static partial Regex LoopVariablePattern();
}

/// <summary>infra/main.bicep compiled once per test run.</summary>
internal static class CompiledMain
{
    private static readonly Lazy<(BicepCli.Result Build, ArmTemplate? Template)> Compiled = new(() =>
    {
        var result = BicepCli.Run("build", Path.Combine("infra", "main.bicep"), "--stdout");
        var template = result.ExitCode == 0 ? ArmTemplate.Parse(result.StandardOutput) : null;
        return (result, template);
    });

    public static BicepCli.Result Build => Compiled.Value.Build;

    public static ArmTemplate Template => Compiled.Value.Template
        ?? throw new InvalidOperationException($"bicep build failed:\n{Compiled.Value.Build.StandardError}");
}
