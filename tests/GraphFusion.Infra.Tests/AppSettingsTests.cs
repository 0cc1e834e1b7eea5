using System.Text.Json;
using System.Text.RegularExpressions;

namespace GraphFusion.Infra.Tests;

public partial class AppSettingsTests
{
    /// <summary>
    /// Settings the infrastructure sets that the app code does not read itself: they configure the
    /// Functions host's identity-based AzureWebJobsStorage connection.
    /// </summary>
    private static readonly HashSet<string> InfraOnlySettings = new(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
    };

    /// <summary>Settings whose value may be empty (the feature is off unless configured).</summary>
    private static readonly HashSet<string> OptionalSettings = new(StringComparer.Ordinal)
    {
        "Llm__Provider",
        "Llm__Endpoint",
        "Llm__Model",
    };

    [Fact]
    public void AppSettingNames_AreReadFromSource()
    {
        Assert.Contains("AzureWebJobsStorage__accountName", CodeSettingNames());
        Assert.Contains("GraphStore__Cosmos__Endpoint", CodeSettingNames());
    }

    [Fact]
    public void FunctionApp_SetsExactlyTheSettingsTheCodeReads()
    {
        var infra = FunctionAppSettings().Keys.ToHashSet(StringComparer.Ordinal);
        var code = CodeSettingNames();

        var missing = code.Except(infra).Order(StringComparer.Ordinal).ToList();
        var unknown = infra.Except(code).Except(InfraOnlySettings).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"Settings read by the code but not set by infra: {string.Join(", ", missing)}");
        Assert.True(unknown.Count == 0, $"Settings set by infra but not read by the code (nor documented infra-only): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void FunctionApp_StorageConnectionIsIdentityBased()
    {
        var settings = FunctionAppSettings();
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AZURE_CLIENT_ID"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "A connection-string AzureWebJobsStorage must not be set.");
    }

    [Fact]
    public void FunctionApp_LlmSettingsFollowTheOpenAiSwitch()
    {
        var site = MainTemplateTests.FunctionApp();
        var module = CompiledMain.Template.OfType("Microsoft.Resources/deployments")
            .Single(d => ArmTemplate.At(d.Element, "properties.template") is { } t && t.Equals(site.Template));

        foreach (var name in OptionalSettings)
        {
            var parameter = char.ToLowerInvariant(name[0]) + name[1..].Replace("__", string.Empty, StringComparison.Ordinal);
            var argument = module.At($"properties.parameters.{parameter}")
                ?? throw new Xunit.Sdk.XunitException($"The function-app module gets no {parameter}.");
            var value = argument.ValueKind == JsonValueKind.String
                ? argument.GetString()!
                : argument.GetProperty("value").ToString();
            Assert.StartsWith("[if(parameters('deployOpenAi')", value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FunctionApp_DoesNotSetSettingsFlexConsumptionRejects()
    {
        var settings = FunctionAppSettings();
        foreach (var name in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
        {
            Assert.False(settings.ContainsKey(name), $"{name} is not allowed on Flex Consumption.");
        }
    }

    internal static Dictionary<string, string> FunctionAppSettings()
    {
        var site = MainTemplateTests.FunctionApp();
        var settings = site.At("properties.siteConfig.appSettings")
            ?? throw new Xunit.Sdk.XunitException("The Function App declares no siteConfig.appSettings.");
        Assert.True(settings.ValueKind == JsonValueKind.Array, "appSettings must be a literal array so names can be checked.");

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in settings.EnumerateArray())
        {
            var name = setting.GetProperty("name").GetString()!;
            Assert.False(name.StartsWith('['), $"App setting name '{name}' is an expression.");
            Assert.True(result.TryAdd(name, setting.GetProperty("value").ToString()), $"App setting {name} is set twice.");
        }

        // Any sites/config appsettings resource would replace the list above.
        Assert.DoesNotContain(CompiledMain.Template.OfType("Microsoft.Web/sites/config"), c => c.Name.EndsWith("appsettings')]", StringComparison.OrdinalIgnoreCase));
        return result;
    }

    internal static HashSet<string> CodeSettingNames()
    {
        var source = File.ReadAllText(RepoPaths.Combine("functions", "GraphFusion.Functions", "AppSettingNames.cs"));
        var names = ConstantPattern().Matches(source).Select(m => m.Groups["value"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(names);
        return names;
    }

    [GeneratedRegex(@"public\s+const\s+string\s+\w+\s*=\s*""(?<value>[^""]+)""\s*;")]
    private static partial Regex ConstantPattern();
}
