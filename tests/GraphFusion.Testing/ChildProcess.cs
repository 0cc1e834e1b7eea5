using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GraphFusion.Testing;

/// <summary>
/// A child process started without a shell, with stdout/stderr drained asynchronously
/// (so its pipes never fill) and stdin kept open as a pipe: scripts that watch stdin
/// end when this process dies.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 400;

    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Action<string>? _onStdoutLine;
    private int _disposed;

    static ChildProcess()
    {
        // Last line of defence when the test host exits without disposing its fixtures.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Live.Keys)
            {
                child.Kill();
            }
        };
    }

    private ChildProcess(Process process, Action<string>? onStdoutLine)
    {
        _process = process;
        _onStdoutLine = onStdoutLine;
    }

    public int Id => _process.Id;

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public string Stdout => Join(_stdout);

    public string Stderr => Join(_stderr);

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        Action<string>? onStdoutLine = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
            CreateNoWindow = true,
        };
        foreach (var arg in arguments)
        {
            psi.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                psi.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(process, onStdoutLine);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Keep(child._stdout, e.Data);
            child._onStdoutLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Keep(child._stderr, e.Data);
            }
        };

        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start '{fileName}'.");
        }

        Live.TryAdd(child, 0);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a process to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        await using var child = Start(fileName, arguments, workingDirectory);
        child._process.StandardInput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await child._process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s.\n{child.Stderr}");
        }

        return (child._process.ExitCode, child.Stdout, child.Stderr);
    }

    /// <summary>Kills the process and all its descendants; never throws.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Live.TryRemove(this, out _);
        Kill();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Best effort.
        }

        _process.Dispose();
    }

    /// <summary>A description of the process's state and recent stderr for error messages.</summary>
    public string Describe()
    {
        var state = HasExited ? $"exited with code {SafeExitCode()}" : "still running";
        var err = Stderr;
        var output = Stdout;
        var sb = new StringBuilder();
        sb.Append("Process ").Append(state).Append('.');
        if (err.Length > 0)
        {
            sb.Append("\nstderr:\n").Append(err);
        }

        if (output.Length > 0)
        {
            sb.Append("\nstdout:\n").Append(output);
        }

        return sb.ToString();
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private static void Keep(ConcurrentQueue<string> queue, string line)
    {
        queue.Enqueue(line);
        while (queue.Count > MaxKeptLines && queue.TryDequeue(out _))
        {
        }
    }

    private static string Join(ConcurrentQueue<string> queue) => string.Join('\n', queue);
}

/// <summary>Loopback port helpers.</summary>
internal static class LoopbackPorts
{
    /// <summary>Distinct ports that were free on 127.0.0.1 a moment ago.</summary>
    public static int[] Free(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
