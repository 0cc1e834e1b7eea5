using System.Text.Json;
using System.Text.Json.Serialization;

namespace GraphFusion.Storage.Cosmos;

/// <summary>
/// The JSON form of the store's items. The store reads and writes through the SDK's stream APIs with these options,
/// so it does not depend on the serializer the <see cref="Microsoft.Azure.Cosmos.CosmosClient"/> was configured with.
/// </summary>
public static class CosmosJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static MemoryStream ToStream<T>(T value)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, value, Options);
        stream.Position = 0;
        return stream;
    }

    public static async Task<T> FromStreamAsync<T>(Stream stream, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken).ConfigureAwait(false)
        ?? throw new JsonException($"Expected a {typeof(T).Name}, read null.");
}
