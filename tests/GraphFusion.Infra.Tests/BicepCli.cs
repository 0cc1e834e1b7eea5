using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GraphFusion.Infra.Tests;

/// <summary>Runs the Bicep compiler restored from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class BicepCli
{
    /// <summary>Overrides the binary (e.g. a bicep installed on macOS or Windows).</summary>
    public const string PathVariable = "GRAPHFUSION_BICEP_PATH";

    private const string PackageId = "azure.bicep.commandline.linux-x64";

    private static readonly Lazy<string> ExecutableLazy = new(Locate);

    public static string Executable => ExecutableLazy.Value;

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return EnsureExecutable(explicitPath);
        }

        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"The restored Bicep binary is linux-x64 only; set {PathVariable} to a bicep executable.");
        }

        foreach (var root in CandidatePackageRoots())
        {
            var candidate = Path.Combine(root, "tools", "bicep");
            if (File.Exists(candidate))
            {
                return EnsureExecutable(candidate);
            }
        }

        throw new FileNotFoundException(
            $"Bicep binary not found; restore the test project (package {PackageId}) or set {PathVariable}.");
    }

    private static IEnumerable<string> CandidatePackageRoots()
    {
        var baked = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPackageRoot")?.Value;
        if (!string.IsNullOrWhiteSpace(baked))
        {
            yield return baked;
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(packages))
        {
            packages = Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var packageDir = Path.Combine(packages, PackageId);
        if (Directory.Exists(packageDir))
        {
            foreach (var versionDir in Directory.GetDirectories(packageDir).OrderDescending(StringComparer.Ordinal))
            {
                yield return versionDir;
            }
        }
    }

    private static string EnsureExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }
}
