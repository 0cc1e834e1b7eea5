namespace GraphFusion.Core.Storage;

/// <summary>A model file in durable storage: where it is, its size and SHA-256, and whether this call wrote it.</summary>
/// <param name="Name">Name in the store (e.g. <c>{merge id}/model.safetensors</c>).</param>
/// <param name="Uri">Address of the stored file.</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the contents, checked while uploading.</param>
/// <param name="Uploaded">False when an identical file (same length and hash) was already stored.</param>
public sealed record StoredModelFile(string Name, string Uri, long SizeBytes, string Sha256, bool Uploaded);

/// <summary>Where merged models are kept (the <c>models</c> container).</summary>
public interface IModelFileStore
{
    /// <summary>
    /// Stores <paramref name="name"/> from the stream <paramref name="openSource"/> opens, streaming (never whole in
    /// memory). Safe to repeat: a file already stored with the same length and SHA-256 is not uploaded again and the
    /// source is not opened. Throws <see cref="InvalidDataException"/> (and keeps nothing) when the streamed bytes do
    /// not have the expected length and hash.
    /// </summary>
    Task<StoredModelFile> StoreAsync(string name, long sizeBytes, string sha256, Func<CancellationToken, Task<Stream>> openSource, CancellationToken cancellationToken);
}
