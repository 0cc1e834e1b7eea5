using System.Threading.Channels;

namespace GraphFusion.Cli.Serve;

/// <summary>
/// Watches a folder (recursively) and hands new or changed files to <c>ingest</c> in batches, once the folder has been
/// quiet for the debounce interval; hidden files and folders are ignored. Batches run one at a time.
/// </summary>
public sealed class DirectoryWatcher : IAsyncDisposable
{
    private readonly string root;
    private readonly TimeSpan debounce;
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> ingest;
    private readonly FileSystemWatcher watcher;
    private readonly Channel<string> changes = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public DirectoryWatcher(string root, TimeSpan debounce, Func<IReadOnlyList<string>, CancellationToken, Task> ingest)
    {
        this.root = Path.GetFullPath(root);
        this.debounce = debounce;
        this.ingest = ingest;
        watcher = new FileSystemWatcher(this.root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        watcher.Created += (_, e) => Changed(e.FullPath);
        watcher.Changed += (_, e) => Changed(e.FullPath);
        watcher.Renamed += (_, e) => Changed(e.FullPath);
        watcher.EnableRaisingEvents = true;
        loop = Task.Run(() => RunAsync(stopping.Token));
    }

    public event Action<Exception>? Failed;

    public void Changed(string path) => changes.Writer.TryWrite(path);

    public async ValueTask DisposeAsync()
    {
        watcher.Dispose();
        changes.Writer.TryComplete();
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await changes.Reader.WaitToReadAsync(cancellationToken))
        {
            var pending = new HashSet<string>(StringComparer.Ordinal);
            do
            {
                while (changes.Reader.TryRead(out var path))
                {
                    pending.Add(path);
                }

                await Task.Delay(debounce, cancellationToken);
            }
            while (changes.Reader.TryPeek(out _));

            var files = pending.SelectMany(Expand).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                continue;
            }

            try
            {
                await ingest(files, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failed?.Invoke(ex);
            }
        }
    }

    private IEnumerable<string> Expand(string path)
    {
        if (Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
        {
            return [];
        }

        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).SelectMany(Expand);
        }

        return File.Exists(path) ? [path] : [];
    }
}
