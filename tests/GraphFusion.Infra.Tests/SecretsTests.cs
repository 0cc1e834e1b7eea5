namespace GraphFusion.Infra.Tests;

public class SecretsTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    [Fact]
    public void AppSettings_ContainNoKeysOrConnectionStringSecrets()
    {
        foreach (var (name, value) in AppSettingsTests.FunctionAppSettings())
        {
            Assert.DoesNotContain("listKeys(", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.EndsWith("ConnectionString", StringComparison.Ordinal) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING", name);
        }
    }

    [Fact]
    public void ContainerApp_HasNoSecretsOrKeys()
    {
        var app = Template.Single("Microsoft.App/containerApps");
        var text = app.Element.ToString();
        Assert.DoesNotContain("listKeys(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(app.At("properties.configuration.secrets"));
    }

    [Fact]
    public void ListKeys_IsUsedOnlyForTheBlobExtensionSystemKeyInTheEventSubscription()
    {
        foreach (var resource in Template.Resources.Where(r => r.Type != "Microsoft.Resources/deployments"))
        {
            var text = resource.Element.ToString();
            if (!text.Contains("listKeys(", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Assert.Equal("Microsoft.EventGrid/systemTopics/eventSubscriptions", resource.Type);
            var url = resource.At("properties.destination.properties.endpointUrl")?.GetString() ?? string.Empty;
            Assert.Contains("/host/default", url, StringComparison.Ordinal);
            Assert.Contains(".systemKeys.blobs_extension", url, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "listKeys\\(", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        }

        foreach (var template in Template.Templates)
        {
            if (template.TryGetProperty("outputs", out var outputs))
            {
                Assert.DoesNotContain("listKeys(", outputs.ToString(), StringComparison.OrdinalIgnoreCase);
            }

            if (template.TryGetProperty("variables", out var variables))
            {
                Assert.DoesNotContain("listKeys(", variables.ToString(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void Template_ContainsNoAccountKeyConnectionStrings()
    {
        var text = Template.Root.ToString();
        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("primarySharedKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings(", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void KeyBasedAuth_IsDisabledEverywhereItCanBe()
    {
        Assert.True(Template.Single("Microsoft.DocumentDB/databaseAccounts").At("properties.disableLocalAuth")?.GetBoolean());
        Assert.True(Template.Single("Microsoft.EventGrid/topics").At("properties.disableLocalAuth")?.GetBoolean());
        Assert.True(Template.Single("Microsoft.CognitiveServices/accounts").At("properties.disableLocalAuth")?.GetBoolean());
        Assert.False(Template.Single("Microsoft.Storage/storageAccounts").At("properties.allowSharedKeyAccess")?.GetBoolean());
        Assert.False(Template.Single("Microsoft.ContainerRegistry/registries").At("properties.adminUserEnabled")?.GetBoolean());
    }
}
