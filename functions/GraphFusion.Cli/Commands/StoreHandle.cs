using GraphFusion.Core.Storage;

namespace GraphFusion.Cli.Commands;

/// <summary>Owns an opened store for the length of a command and disposes it if it is disposable.</summary>
internal sealed class StoreHandle(IGraphStore store) : IAsyncDisposable
{
    public IGraphStore Store { get; } = store;

    public ValueTask DisposeAsync() => Store switch
    {
        IAsyncDisposable asyncDisposable => asyncDisposable.DisposeAsync(),
        IDisposable disposable => Dispose(disposable),
        _ => ValueTask.CompletedTask,
    };

    private static ValueTask Dispose(IDisposable disposable)
    {
        disposable.Dispose();
        return ValueTask.CompletedTask;
    }
}
