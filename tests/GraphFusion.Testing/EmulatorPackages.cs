using System.Security.Cryptography;

namespace GraphFusion.Testing;

/// <summary>
/// Installs the npm packages of tests/Emulators (Azurite, the Cosmos DB server) on first use.
/// </summary>
public static class EmulatorPackages
{
    private const string StampFileName = ".graphfusion-lock.sha256";
    private static readonly SemaphoreSlim InProcessGate = new(1, 1);
    private static volatile bool _verified;

    /// <summary>How long <c>npm ci</c> may take.</summary>
    public static TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>tests/Emulators/node_modules.</summary>
    public static string NodeModulesDirectory => Path.Combine(RepoPaths.EmulatorsDirectory, "node_modules");

    /// <summary>
    /// Runs <c>npm ci --no-audit --no-fund</c> in tests/Emulators when node_modules is missing or
    /// was installed from another package-lock.json. Safe to call from parallel test assemblies:
    /// a lock file serializes installs across processes.
    /// </summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        if (_verified)
        {
            return;
        }

        await InProcessGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_verified)
            {
                return;
            }

            var dir = RepoPaths.EmulatorsDirectory;
            var lockFile = Path.Combine(dir, "package-lock.json");
            if (!File.Exists(lockFile))
            {
                throw new FileNotFoundException("The emulators' package-lock.json is missing.", lockFile);
            }

            var expected = await HashFileAsync(lockFile, cancellationToken).ConfigureAwait(false);
            if (!IsCurrent(expected))
            {
                await using var crossProcessLock = await AcquireLockAsync(
                    LockFilePath(dir), InstallTimeout + TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);

                // Another process may have installed while we waited.
                if (!IsCurrent(expected))
                {
                    await RunNpmCiAsync(dir, cancellationToken).ConfigureAwait(false);
                    await File.WriteAllTextAsync(Path.Combine(NodeModulesDirectory, StampFileName), expected, cancellationToken).ConfigureAwait(false);
                }
            }

            _verified = true;
        }
        finally
        {
            InProcessGate.Release();
        }
    }

    private static bool IsCurrent(string expectedHash)
    {
        var nm = NodeModulesDirectory;
        var stamp = Path.Combine(nm, StampFileName);
        if (!File.Exists(stamp))
        {
            return false;
        }

        var required = new[]
        {
            Path.Combine(nm, "azurite", "package.json"),
            Path.Combine(nm, "@vercel", "cosmosdb-server", "package.json"),
            Path.Combine(nm, ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite"),
        };
        if (!required.All(File.Exists))
        {
            return false;
        }

        try
        {
            return string.Equals(File.ReadAllText(stamp).Trim(), expectedHash, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task RunNpmCiAsync(string dir, CancellationToken cancellationToken)
    {
        string fileName;
        var args = new List<string>();
        if (OperatingSystem.IsWindows())
        {
            fileName = "cmd.exe";
            args.AddRange(["/d", "/c", "npm"]);
        }
        else
        {
            fileName = "npm";
        }

        args.AddRange(["ci", "--no-audit", "--no-fund"]);

        (int ExitCode, string Stdout, string Stderr) result;
        try
        {
            result = await ChildProcess.RunAsync(fileName, args, dir, InstallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "npm was not found on PATH; Node.js 20+ with npm is needed to run the emulator tests.", ex);
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' in {dir} failed with exit code {result.ExitCode}.\nstderr:\n{result.Stderr}\nstdout:\n{result.Stdout}");
        }
    }

    private static string LockFilePath(string dir)
    {
        // Outside the repository (and outside node_modules, which npm ci deletes), one per checkout.
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dir))))[..16];
        return Path.Combine(Path.GetTempPath(), $"graphfusion-npm-{key}.lock");
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexString(hash);
    }

    private static async Task<FileStream> AcquireLockAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock that other processes see; the OS drops it if we die.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
