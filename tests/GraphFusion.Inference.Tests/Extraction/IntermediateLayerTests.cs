namespace GraphFusion.Inference.Tests.Extraction;

public sealed class IntermediateLayerTests
{
    [Fact]
    public void Hidden_state_outputs_are_found_in_the_graph()
    {
        var nodes = OnnxModelEditor.ReadNodes(MiniLmResources.ReadModel());
        var states = OnnxModelEditor.FindHiddenStateOutputs(nodes);

        Assert.Equal(MiniLmEncoder.LayerCount + 1, states.Count);
        Assert.Equal("662", states[4]);
        Assert.Equal("last_hidden_state", states[^1]);
    }

    [Fact]
    public void Added_outputs_keep_the_rest_of_the_model()
    {
        var model = MiniLmResources.ReadModel();
        var patched = OnnxModelEditor.AddFloatOutputs(model, ["662", "404"]);

        Assert.InRange(patched.Length - model.Length, 10, 64);
        Assert.Equal(OnnxModelEditor.ReadNodes(model).Count, OnnxModelEditor.ReadNodes(patched).Count);
        Assert.Same(model, OnnxModelEditor.AddFloatOutputs(model, []));
    }

    [Fact]
    public void Encoder_returns_an_intermediate_layer_next_to_the_last_one()
    {
        var options = new MiniLmEncoderOptions { ExecutionProvider = ExecutionProviderPreference.Cpu };
        options.IntermediateLayers.Add(4);
        using var encoder = new MiniLmEncoder(options);
        string[] texts = ["Support vector machines are used for text classification.", "BLEU"];

        Assert.Equal([4, 6], encoder.AvailableLayers);
        var layers = encoder.EncodeTokenLayers(texts, [4, MiniLmEncoder.LayerCount]);
        var last = encoder.EncodeTokens(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(last[i].TokenIds, layers[0][i].TokenIds);
            Assert.Equal(last[i].Values.ToArray(), layers[1][i].Values.ToArray());
            Assert.NotEqual(last[i].Values.ToArray(), layers[0][i].Values.ToArray());
            Assert.All(layers[0][i].Values.ToArray(), v => Assert.True(float.IsFinite(v)));
        }

        Assert.Equal(layers[0][0].Values.ToArray(), encoder.EncodeTokens([texts[0]], 4)[0].Values.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.EncodeTokens(texts, 2));
        Assert.Equal(encoder.Embed(texts[0]), encoder.Embed([texts[0]])[0]);
    }
}
