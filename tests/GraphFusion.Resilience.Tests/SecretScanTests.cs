using System.Diagnostics;
using System.Text.RegularExpressions;
using GraphFusion.Testing;

namespace GraphFusion.Resilience.Tests;

/// <summary>No key-like string in the repository, except the public emulator keys in test and emulator files.</summary>
public sealed partial class SecretScanTests(ITestOutputHelper output)
{
    private static readonly string[] PublicEmulatorKeys = [AzuriteEmulator.AccountKey, CosmosEmulator.WellKnownKey];

    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("storage or Cosmos account key", AccountKey()),
        ("connection string with AccountKey=", ConnectionStringKey()),
        ("private key", PrivateKey()),
        ("OpenAI-style key", OpenAiKey()),
        ("JWT", Jwt()),
        ("shared access signature", SharedAccessSignature()),
    ];

    [Fact]
    public void Tracked_files_hold_no_secrets_but_the_public_emulator_keys()
    {
        var files = TrackedFiles();
        Assert.NotEmpty(files);
        var findings = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(RepoPaths.RepoRoot, file);
            if (!File.Exists(path) || new FileInfo(path).Length > 5 * 1024 * 1024)
            {
                continue;
            }

            var text = File.ReadAllText(path);
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                continue; // binary
            }

            foreach (var (kind, pattern) in Patterns)
            {
                foreach (Match match in pattern.Matches(text))
                {
                    if (!IsAllowed(file, match.Value))
                    {
                        var line = text.AsSpan(0, match.Index).Count('\n') + 1;
                        findings.Add($"{file}:{line}: {kind}: {match.Value[..Math.Min(match.Value.Length, 24)]}...");
                    }
                }
            }
        }

        output.WriteLine($"Scanned {files.Count} tracked files; {findings.Count} findings.");
        ScenarioTable.Row(output, "Secret scan (git ls-files)", $"{files.Count} files, {Patterns.Length} patterns", findings.Count == 0 ? "clean" : "findings", $"{findings.Count} findings");
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [InlineData("AccountKey=" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwx12==")]
    [InlineData("-----BEGIN " + "RSA PRIVATE KEY-----")]
    [InlineData("sk-" + "proj-abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    [InlineData("sig=" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG%3D")]
    public void The_patterns_find_what_they_look_for(string secret)
    {
        Assert.Contains(Patterns, p => p.Pattern.IsMatch(secret));
        Assert.False(IsAllowed("tests/GraphFusion.Testing/Example.cs", secret));
    }

    /// <summary>Files that drive a local emulator outside tests/ (the store benchmark starts the local Cosmos-compatible server).</summary>
    private static readonly string[] EmulatorDrivers = ["functions/GraphFusion.Cli/Commands/Bench/StoreBench.cs"];

    /// <summary>The public emulator keys, and only in test or emulator files.</summary>
    private static bool IsAllowed(string file, string match) =>
        (file.StartsWith("tests/", StringComparison.Ordinal) || file.Contains("local.settings.json.example", StringComparison.Ordinal)
            || EmulatorDrivers.Contains(file, StringComparer.Ordinal))
        && PublicEmulatorKeys.Any(k => match.Contains(k, StringComparison.Ordinal) || k.Contains(match.Replace("AccountKey=", "", StringComparison.Ordinal).TrimEnd(';'), StringComparison.Ordinal));

    private static List<string> TrackedFiles()
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = RepoPaths.RepoRoot, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "ls-files", "-z" })
        {
            info.ArgumentList.Add(arg);
        }

        using var git = Process.Start(info)!;
        var listing = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9+/]|sha512-|sha384-)[A-Za-z0-9+/]{86}==")]
    private static partial Regex AccountKey();

    [GeneratedRegex(@"AccountKey=[^;""'\s]{20,}", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringKey();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\bsk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\bsig=[A-Za-z0-9%+/]{30,}")]
    private static partial Regex SharedAccessSignature();
}
