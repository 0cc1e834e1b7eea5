using System.Text.Json;

namespace GraphFusion.Storage.Tests;

/// <summary>Compares records by their JSON form (records holding lists do not compare by value).</summary>
internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static void Equal<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Options), JsonSerializer.Serialize(actual, Options));
}
