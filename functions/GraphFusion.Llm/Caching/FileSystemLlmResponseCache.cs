using System.Text.Json;

namespace GraphFusion.Llm.Caching;

/// <summary>One JSON file per answer under a folder (default <c>.graphfusion/llm-cache/</c>), fanned out by the key's first two characters.</summary>
public sealed class FileSystemLlmResponseCache(string directory) : ILlmResponseCache
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task<CachedAnswer?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<CachedAnswer>(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public async Task SetAsync(string key, CachedAnswer answer, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(answer), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string key)
    {
        if (key.Length < 8 || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A cache key is lower-case hex.", nameof(key));
        }

        return Path.Combine(Directory, key[..2], key + ".json");
    }
}
