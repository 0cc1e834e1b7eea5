using GraphFusion.Merging.Recipes;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.Merging.Tests;

public class RecipeTests
{
    [Fact]
    public void Parse_ReadsScalarsFiltersGradientsAndOwnKeys()
    {
        const string yaml = """
            merge_method: ties
            base_model: base
            models:
              - model: a
                parameters:
                  weight: 0.5
                  density:
                    - filter: mlp
                      value: 0.2
                    - value: [0.1, 0.9]
              - model: /abs/b
            parameters:
              lambda: 1.1
              normalize: false
            dtype: bfloat16
            mismatched: first
            seed: 42
            max_shard_size: 2GB
            """;
        MergeRecipe r = MergeRecipe.Parse(yaml, "/recipes");
        Assert.Empty(r.SyntaxProblems);
        Assert.Equal("ties", r.MergeMethod);
        Assert.Equal(Path.GetFullPath("/recipes/base"), r.BaseModel);
        Assert.Equal(Path.GetFullPath("/recipes/a"), r.Models[0].Path);
        Assert.Equal("/abs/b", r.Models[1].Path);
        Assert.Equal(SafeTensorsDType.BF16, r.OutputDType);
        Assert.Equal(MismatchAction.First, r.Mismatched!.Action);
        Assert.Equal(42UL, r.Seed);
        Assert.Equal(2_000_000_000L, r.MaxShardBytes);
        Assert.Equal(0, r.Parameters["normalize"].Resolve("x", default));

        ParameterValue density = r.Models[0].Parameters["density"];
        Assert.Equal(0.2, density.Resolve("layers.3.mlp.up.weight", new LayerPosition(3, 5)));
        Assert.Equal(0.1, density.Resolve("layers.0.attn.q.weight", new LayerPosition(0, 5)));
        Assert.Equal(0.9, density.Resolve("layers.4.attn.q.weight", new LayerPosition(4, 5)));
        Assert.Equal(0.5, density.Resolve("layers.2.attn.q.weight", new LayerPosition(2, 5))!.Value, 10);
        Assert.Equal(2, LayerPosition.ParseIndex("model.layers.2.attn.q.weight"));
        Assert.Null(LayerPosition.ParseIndex("embed_tokens.weight"));
    }

    [Fact]
    public void Validation_ListsSeveralProblemsAtOnce()
    {
        using var tmp = new TempFolder();
        Data.WriteCheckpoint(tmp.File("base/model.safetensors"), [("w", [2], [1f, 2f])]);
        const string yaml = """
            merge_method: ties
            base_model: base
            colour: blue
            models:
              - model: missing-model
                parameters:
                  density: 1.5
                  temperature: 3
              - model: base
            """;
        File.WriteAllText(tmp.File("recipe.yaml"), yaml);
        ValidationReport report = RecipeValidator.Validate(MergeRecipe.Load(tmp.File("recipe.yaml")));
        Assert.False(report.IsValid);
        string all = string.Join("\n", report.Problems);
        Assert.Contains("unknown key 'colour'", all, StringComparison.Ordinal);
        Assert.Contains("out of range", all, StringComparison.Ordinal);
        Assert.Contains("unknown parameter 'temperature'", all, StringComparison.Ordinal);
        Assert.Contains("not found", all, StringComparison.Ordinal);
        Assert.True(report.Problems.Count >= 4);

        var ex = Assert.Throws<RecipeValidationException>(report.ThrowIfInvalid);
        Assert.Equal(report.Problems, ex.Problems);
    }

    [Fact]
    public void Validation_ReportsUnknownMethodAndMissingRequiredParameter()
    {
        using var tmp = new TempFolder();
        Data.WriteCheckpoint(tmp.File("m/model.safetensors"), [("w", [2], [1f, 2f])]);
        ValidationReport unknown = RecipeValidator.Validate(MergeRecipe.Parse("merge_method: magic\nmodels: [m]\n", tmp.Path));
        Assert.Contains(unknown.Problems, p => p.Contains("unknown merge_method 'magic'", StringComparison.Ordinal));

        ValidationReport slerp = RecipeValidator.Validate(MergeRecipe.Parse("merge_method: slerp\nbase_model: m\nmodels: [m, m]\n", tmp.Path));
        Assert.Contains(slerp.Problems, p => p.Contains("needs parameter 't'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RejectsInvalidYaml()
    {
        using var tmp = new TempFolder();
        File.WriteAllText(tmp.File("r.yaml"), "merge_method: [unclosed\n");
        var ex = Assert.Throws<RecipeValidationException>(() => MergeRecipe.Load(tmp.File("r.yaml")));
        Assert.Contains("invalid YAML", ex.Message, StringComparison.Ordinal);
    }
}
