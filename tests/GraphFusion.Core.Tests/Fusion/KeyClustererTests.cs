using GraphFusion.Core.Fusion;
using GraphFusion.Core.Graph;

namespace GraphFusion.Core.Tests.Fusion;

public class KeyClustererTests
{
    [Fact]
    public void An_acronym_defined_two_ways_joins_only_its_better_supported_expansion()
    {
        KeyClaims[] claims =
        [
            .. Defined("doc-1", "cnn", "convolutional neural network"),
            .. Defined("doc-2", "cnn", "convolutional neural network"),
            .. Defined("doc-3", "cnn", "cable news network"),
        ];

        var clusters = KeyClusterer.Cluster(claims);

        Assert.Equal(
            [["cable news network"], ["cnn", "convolutional neural network"]],
            clusters.Select(c => c.ToArray()).ToArray());
    }

    [Fact]
    public void An_acronym_joins_its_only_expansion_whatever_the_order_of_the_claims()
    {
        KeyClaims[] claims = [.. Defined("doc-1", "lstm", "long short term memory").Reverse()];

        Assert.Equal([["long short term memory", "lstm"]], KeyClusterer.Cluster(claims).Select(c => c.ToArray()).ToArray());
    }

    // A definition as the linker writes it: each of the two keys names the other.
    private static IEnumerable<KeyClaims> Defined(string documentId, string acronym, string expansion)
    {
        yield return Claim(documentId, acronym, expansion);
        yield return Claim(documentId, expansion, acronym);
    }

    private static KeyClaims Claim(string documentId, string key, string alias) =>
        new() { Key = key, DocumentId = documentId, DocumentVersion = "v1", AliasKeys = [alias] };
}
