using System.Diagnostics;
using System.Text.RegularExpressions;
using GraphFusion.Core.Export;

namespace GraphFusion.Core.Tests.Export;

/// <summary>A test that needs a Chromium binary; skipped, with the reason, on machines without one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null)
        {
            Skip = "Chromium is not installed (looked for chromium, chromium-browser, google-chrome on PATH). Install it with `apt-get install -y chromium` to run the viewer browser tests.";
        }
    }
}

/// <summary>Runs Chromium's own headless command line against a local file; nothing but loopback is reachable from it.</summary>
internal static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    public static string? Path { get; } = Find();

    private static string? Find()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin");
        return directories
            .SelectMany(directory => Names.Select(name => System.IO.Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<string> RunAsync(string url, IEnumerable<string> extraArguments, string profileDirectory)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("Chromium is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-default-apps", "--disable-domain-reliability",
            "--disable-client-side-phishing-detection", "--metrics-recording-only", "--mute-audio", "--hide-scrollbars",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
            "--proxy-server=127.0.0.1:9",
            $"--user-data-dir={profileDirectory}",
            "--virtual-time-budget=5000",
        ];
        foreach (var argument in arguments.Concat(extraArguments).Append(url))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish within 120 s. stderr: {await stderr}");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}. stderr: {await stderr}");
        return output;
    }
}

public sealed partial class ViewerBrowserTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("graphfusion-viewer-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be releasing its profile; the temp folder is cleaned up by the OS eventually.
        }
    }

    private string ExportFile(GraphSnapshot graph, string name)
    {
        var path = Path.Combine(_directory, name);
        using (var stream = File.Create(path))
        {
            HtmlViewerExporter.Write(graph, stream, "Curie graph");
        }

        return path;
    }

    private Task<string> DumpDomAsync(string file, string hash) =>
        Chromium.RunAsync(new Uri(file).AbsoluteUri + hash, ["--dump-dom"], Path.Combine(_directory, "profile-" + Guid.NewGuid().ToString("N")));

    [ChromiumFact]
    public async Task Renders_the_graph_and_answers_a_search_from_the_url()
    {
        var file = ExportFile(ExportSamples.Curie(), "curie.html");

        var dom = await DumpDomAsync(file, "#search=" + Uri.EscapeDataString("madame"));

        var stats = StatsElement().Match(dom);
        Assert.True(stats.Success, "no stats element in:\n" + dom[..Math.Min(dom.Length, 2000)]);
        Assert.Contains("data-nodes=\"7\"", stats.Value, StringComparison.Ordinal);
        Assert.Contains("data-visible=\"7\"", stats.Value, StringComparison.Ordinal);
        Assert.Contains("data-layout=\"settled\"", stats.Value, StringComparison.Ordinal);
        Assert.Contains("7 entities", stats.Value, StringComparison.Ordinal);

        // The alias search found Marie Curie, listed it and opened its panel with neighbours and counts.
        var results = ResultsList().Match(dom);
        Assert.True(results.Success);
        Assert.Contains("data-name=\"Marie Curie\"", results.Value, StringComparison.Ordinal);
        var details = DetailsPanel().Match(dom);
        Assert.True(details.Success);
        Assert.Contains("<h2>Marie Curie</h2>", details.Value, StringComparison.Ordinal);
        Assert.Contains("Madame Curie", details.Value, StringComparison.Ordinal);
        Assert.Contains("Pierre Curie", details.Value, StringComparison.Ordinal);
        Assert.Contains("DISCOVERED", details.Value, StringComparison.Ordinal);

        // The hostile entity name is text in the page, never markup: still only the template's two scripts.
        Assert.Equal(2, Regex.Count(dom, "<script[\\s>]", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
    }

    [ChromiumFact]
    public async Task Searching_for_document_text_shows_it_as_text()
    {
        var file = ExportFile(ExportSamples.Curie(), "evil.html");

        var dom = await DumpDomAsync(file, "#search=" + Uri.EscapeDataString("</script>"));

        var details = DetailsPanel().Match(dom);
        Assert.True(details.Success);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", details.Value, StringComparison.Ordinal);

        // Attribute values (the results' data-name) serialise differently across Chromium versions; look at elements only.
        var elements = ResultsList().Replace(dom, string.Empty);
        Assert.Equal(2, Regex.Count(elements, "<script[\\s>]", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<img", elements, StringComparison.OrdinalIgnoreCase);
    }

    [ChromiumFact]
    public async Task Shows_the_provenance_of_a_relation_with_the_surface_forms_marked()
    {
        var file = ExportFile(ExportSamples.Curie(), "relation.html");

        var dom = await DumpDomAsync(file, "#relation=r-3");

        var details = DetailsPanel().Match(dom).Value;
        Assert.Contains("COLLABORATED_WITH", details, StringComparison.Ordinal);
        Assert.Contains("curie-biography.pdf", details, StringComparison.Ordinal);
        Assert.Contains("lab-notes.docx", details, StringComparison.Ordinal);
        Assert.Contains("EMPLOYED_BY", details, StringComparison.Ordinal);
        Assert.Contains("llm:test", details, StringComparison.Ordinal);
        Assert.Contains("0.40", details, StringComparison.Ordinal);
        Assert.Matches("<mark[^>]*>P\\. Curie</mark>", details);
        Assert.Matches("<mark[^>]*>Maria Skłodowska-Curie</mark>", details);
        Assert.Matches("<mark[^>]*>Pierre Curie</mark> at", details);
    }

    [ChromiumFact]
    public async Task Large_graphs_start_with_the_most_mentioned_entities()
    {
        var file = ExportFile(ExportSamples.Large(2000), "large.html");

        var dom = await DumpDomAsync(file, string.Empty);

        var stats = StatsElement().Match(dom);
        Assert.True(stats.Success);
        Assert.Contains("data-nodes=\"2000\"", stats.Value, StringComparison.Ordinal);
        Assert.Contains("data-visible=\"300\"", stats.Value, StringComparison.Ordinal);
        Assert.Contains("showing 300 of 2,000 entities", stats.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"show-all-wrap\" hidden", dom, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Takes_a_screenshot()
    {
        var file = ExportFile(ExportSamples.Curie(), "screenshot.html");
        var png = Path.Combine(_directory, "viewer.png");

        await Chromium.RunAsync(
            new Uri(file).AbsoluteUri + "#search=" + Uri.EscapeDataString("Marie Curie"),
            [$"--screenshot={png}", "--window-size=1280,800"],
            Path.Combine(_directory, "profile-shot"));

        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        File.Copy(png, Path.Combine(AppContext.BaseDirectory, "viewer-screenshot.png"), overwrite: true);
    }

    [GeneratedRegex("<div id=\"stats\"[^>]*>[^<]*</div>")]
    private static partial Regex StatsElement();

    [GeneratedRegex("<ul id=\"search-results\"[^>]*>.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex ResultsList();

    [GeneratedRegex("<aside id=\"details\"[^>]*>.*?</aside>", RegexOptions.Singleline)]
    private static partial Regex DetailsPanel();
}
