using GraphFusion.Storage.Cosmos;

namespace GraphFusion.Storage.Tests;

public sealed class CosmosIdsTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("a/b\\c?d#e")]
    [InlineData("neural network")]
    [InlineData("réseau de neurones")]
    [InlineData("")]
    public void Escaped_ids_hold_only_safe_characters(string value)
    {
        var id = CosmosIds.Escape(value);

        Assert.DoesNotContain(id, c => c is '/' or '\\' or '?' or '#' or ' ');
        Assert.Matches("^[A-Za-z0-9_-]+$", id);
    }

    [Fact]
    public void Different_values_get_different_ids()
    {
        string[] values = ["a", "A", "a ", "a/b", "a_b", "a-b", "ab", new string('x', 500), new string('x', 501)];

        Assert.Equal(values.Length, values.Select(CosmosIds.Escape).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Long_values_are_hashed_to_a_bounded_length()
    {
        Assert.True(CosmosIds.Escape(new string('k', 5000)).Length <= 255);
        Assert.True(CosmosIds.Touch(new string('k', 5000)).Length <= 255);
    }
}
