using GraphFusion.Core.Fusion;

namespace GraphFusion.Core.Tests.Fusion;

public class EntityBuilderTests
{
    [Theory]
    [InlineData("long short-term memory", "LSTM", "long short-term memory")]
    [InlineData("Knowledge graphs", "knowledge graph", "knowledge graph")]
    [InlineData("Transformers", "Transformer", "Transformer")]
    [InlineData("BERT", "BERT", "BERT")]
    public void Canonical_name_prefers_expansion_singular_and_lower_case_forms(string first, string second, string expected)
    {
        Assert.Equal(expected, EntityBuilder.CanonicalName([(first, 3), (second, 1)]));
    }
}
