using System.Text.Json;

namespace GraphFusion.Infra.Tests;

public class MainTemplateTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    [Theory]
    [InlineData("Microsoft.Resources/resourceGroups")]
    [InlineData("Microsoft.ManagedIdentity/userAssignedIdentities")]
    [InlineData("Microsoft.Web/serverfarms")]
    [InlineData("Microsoft.Web/sites")]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers")]
    [InlineData("Microsoft.EventGrid/systemTopics")]
    [InlineData("Microsoft.EventGrid/systemTopics/eventSubscriptions")]
    [InlineData("Microsoft.EventGrid/topics")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts/sqlDatabases")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments")]
    [InlineData("Microsoft.App/managedEnvironments")]
    [InlineData("Microsoft.App/containerApps")]
    [InlineData("Microsoft.ContainerRegistry/registries")]
    [InlineData("Microsoft.CognitiveServices/accounts")]
    [InlineData("Microsoft.CognitiveServices/accounts/deployments")]
    [InlineData("Microsoft.Insights/components")]
    [InlineData("Microsoft.OperationalInsights/workspaces")]
    [InlineData("Microsoft.Authorization/roleAssignments")]
    public void ResourceType_IsDeclared(string type)
    {
        Assert.NotEmpty(Template.OfType(type));
    }

    [Fact]
    public void Main_TargetsSubscriptionAndCreatesResourceGroup()
    {
        Assert.Contains("subscriptionDeploymentTemplate", Template.Root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var rg = Template.Single("Microsoft.Resources/resourceGroups");
        Assert.Equal("main", rg.DeploymentPath);
        var tags = rg.At("tags")!.Value;
        if (tags.ValueKind == JsonValueKind.String)
        {
            Assert.Equal("[variables('tags')]", tags.GetString());
            tags = Template.Root.GetProperty("variables").GetProperty("tags");
        }

        Assert.Equal("[parameters('environmentName')]", ArmTemplate.At(tags, "azd-env-name")?.GetString());
    }

    [Theory]
    [InlineData("environmentName")]
    [InlineData("location")]
    [InlineData("principalId")]
    [InlineData("useServerless")]
    [InlineData("throughput")]
    [InlineData("deployOpenAi")]
    [InlineData("gpuProfile")]
    public void Main_HasParameter(string name)
    {
        Assert.True(Template.Root.GetProperty("parameters").TryGetProperty(name, out _), $"main.bicep lacks parameter {name}.");
    }

    [Fact]
    public void FunctionApp_RunsOnFlexConsumptionWithUserAssignedIdentity()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.At("sku.name")?.GetString());
        Assert.Equal("FlexConsumption", plan.At("sku.tier")?.GetString());

        var site = FunctionApp();
        Assert.Contains("functionapp", site.Kind, StringComparison.Ordinal);
        Assert.Equal("UserAssigned", site.At("identity.type")?.GetString());
        Assert.True(site.At("properties.httpsOnly")?.GetBoolean());
        Assert.Equal("functions", ServiceTag(site, "functions"));

        var config = site.At("properties.functionAppConfig") ?? throw new Xunit.Sdk.XunitException("functionAppConfig missing");
        Assert.Equal("blobContainer", ArmTemplate.At(config, "deployment.storage.type")?.GetString());
        Assert.Equal("UserAssignedIdentity", ArmTemplate.At(config, "deployment.storage.authentication.type")?.GetString());
        Assert.NotNull(ArmTemplate.At(config, "deployment.storage.authentication.userAssignedIdentityResourceId"));
        Assert.Equal("dotnet-isolated", ArmTemplate.At(config, "runtime.name")?.GetString());
        Assert.NotNull(ArmTemplate.At(config, "runtime.version"));
        Assert.NotNull(ArmTemplate.At(config, "scaleAndConcurrency.maximumInstanceCount"));
        Assert.NotNull(ArmTemplate.At(config, "scaleAndConcurrency.instanceMemoryMB"));

        var runtimeVersion = site.Template.GetProperty("parameters").GetProperty("runtimeVersion")
            .GetProperty("defaultValue").GetString();
        Assert.Equal("10.0", runtimeVersion);
    }

    [Fact]
    public void FunctionApp_DisablesBasicPublishingCredentials()
    {
        var policies = Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p.At("properties.allow")?.GetBoolean()));
    }

    [Fact]
    public void Storage_IsLockedDown()
    {
        var storage = Template.Single("Microsoft.Storage/storageAccounts");
        Assert.False(storage.At("properties.allowBlobPublicAccess")?.GetBoolean());
        Assert.False(storage.At("properties.allowSharedKeyAccess")?.GetBoolean());
        Assert.True(storage.At("properties.supportsHttpsTrafficOnly")?.GetBoolean());
        Assert.Equal("TLS1_2", storage.At("properties.minimumTlsVersion")?.GetString());
    }

    [Fact]
    public void Storage_HasDocumentContainersAndDeploymentContainer()
    {
        var containers = Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        var names = containers
            .SelectMany(c => ArmTemplate.ResolveLoopValues(c.Template, c.Name))
            .ToList();

        foreach (var expected in new[] { "documents", "references", "merges", "models", "alignments", "alignment-results" })
        {
            Assert.Contains(expected, names);
        }

        Assert.Contains(containers, c => c.Name.Contains("parameters('deploymentContainerName')", StringComparison.Ordinal));
        Assert.All(containers, c => Assert.Equal("None", c.At("properties.publicAccess")?.GetString()));
    }

    [Fact]
    public void BlobEvents_DeliverDocumentsBlobCreatedToBlobTriggerWebhook()
    {
        var topic = Template.Single("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.At("properties.topicType")?.GetString());

        var subscription = Template.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var included = subscription.At("properties.filter.includedEventTypes")!.Value.EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["Microsoft.Storage.BlobCreated"], included);

        var subject = subscription.At("properties.filter.subjectBeginsWith")!.Value.GetString()!;
        var containerParam = subscription.Template.GetProperty("parameters").GetProperty("containerName")
            .GetProperty("defaultValue").GetString();
        Assert.Contains("/blobServices/default/containers/", subject, StringComparison.Ordinal);
        Assert.Equal("documents", containerParam);

        Assert.Equal("WebHook", subscription.At("properties.destination.endpointType")?.GetString());
        var url = subscription.At("properties.destination.properties.endpointUrl")!.Value.GetString()!;
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.", url, StringComparison.Ordinal);
        Assert.Contains("blobs_extension", url, StringComparison.Ordinal);
        var functionName = subscription.Template.GetProperty("parameters").GetProperty("functionName")
            .GetProperty("defaultValue").GetString();
        Assert.Equal("OnDocumentUploaded", functionName);
    }

    [Fact]
    public void OutgoingEventsTopic_DisablesLocalAuth()
    {
        var topic = Template.Single("Microsoft.EventGrid/topics");
        Assert.True(topic.At("properties.disableLocalAuth")?.GetBoolean());
    }

    [Fact]
    public void Cosmos_DisablesLocalAuthAndSupportsServerlessOrProvisioned()
    {
        var account = Template.Single("Microsoft.DocumentDB/databaseAccounts");
        Assert.True(account.At("properties.disableLocalAuth")?.GetBoolean());
        Assert.Contains("EnableServerless", account.At("properties.capabilities")?.ToString(), StringComparison.Ordinal);
        Assert.Contains("useServerless", account.At("properties.capabilities")?.ToString(), StringComparison.Ordinal);

        var parameters = account.Template.GetProperty("parameters");
        Assert.True(parameters.GetProperty("useServerless").GetProperty("defaultValue").GetBoolean());
        Assert.Equal("int", parameters.GetProperty("throughput").GetProperty("type").GetString());

        var database = Template.Single("Microsoft.DocumentDB/databaseAccounts/sqlDatabases");
        Assert.Contains("throughput", database.At("properties.options")?.ToString(), StringComparison.Ordinal);
        Assert.Equal("graphfusion", parameters.GetProperty("databaseName").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Cosmos_ContainersHaveExpectedPartitionKeysAndIndexing()
    {
        var expected = new Dictionary<string, string>
        {
            ["documents"] = "/id",
            ["claims"] = "/key",
            ["entities"] = "/id",
            ["relations"] = "/headId",
            ["state"] = "/id",
        };

        var actual = new Dictionary<string, string>();
        foreach (var container in Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"))
        {
            var ids = ArmTemplate.ResolveLoopValues(container.Template, container.At("properties.resource.id")!.Value.GetString()!);
            var keys = ArmTemplate.ResolveLoopValues(
                container.Template,
                container.At("properties.resource.partitionKey.paths")!.Value[0].GetString()!);
            Assert.Equal(ids.Count, keys.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                actual[ids[i]] = keys[i];
            }

            var indexing = container.At("properties.resource.indexingPolicy")!.Value;
            Assert.Equal("consistent", ArmTemplate.At(indexing, "indexingMode")?.GetString());
            Assert.Equal(["/*"], Paths(indexing, "includedPaths"));
            Assert.Equal(["/evidence/*", "/\"_etag\"/?"], Paths(indexing, "excludedPaths"));
        }

        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public void Cosmos_GrantsBuiltInDataContributorToAppAndDeployer()
    {
        var assignments = Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments").ToList();
        Assert.Equal(2, assignments.Count);
        Assert.All(assignments, a => Assert.Contains(
            $"sqlRoleDefinitions/{RoleIds.CosmosBuiltInDataContributor}",
            a.At("properties.roleDefinitionId")?.GetString(),
            StringComparison.Ordinal));
        Assert.Contains(assignments, a => a.At("properties.principalId")?.GetString() == "[parameters('appPrincipalId')]");
        Assert.Contains(assignments, a => a.At("properties.principalId")?.GetString() == "[parameters('deployerPrincipalId')]");
    }

    [Theory]
    [InlineData(RoleIds.StorageBlobDataOwner, "appPrincipalId")]
    [InlineData(RoleIds.StorageQueueDataContributor, "appPrincipalId")]
    [InlineData(RoleIds.StorageTableDataContributor, "appPrincipalId")]
    [InlineData(RoleIds.AcrPull, "appPrincipalId")]
    [InlineData(RoleIds.CognitiveServicesOpenAiUser, "appPrincipalId")]
    [InlineData(RoleIds.EventGridDataSender, "appPrincipalId")]
    [InlineData(RoleIds.StorageBlobDataContributor, "deployerPrincipalId")]
    [InlineData(RoleIds.AcrPush, "deployerPrincipalId")]
    public void RoleAssignment_GrantsBuiltInRole(string roleId, string principalParameter)
    {
        var matches = Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => r.At("properties.roleDefinitionId")?.GetString()?.Contains(roleId, StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.NotEmpty(matches);
        Assert.Contains(matches, m => m.At("properties.principalId")?.GetString() == $"[parameters('{principalParameter}')]");
        if (principalParameter == "appPrincipalId")
        {
            Assert.All(matches, m => Assert.Equal("ServicePrincipal", m.At("properties.principalType")?.GetString()));
        }
    }

    [Fact]
    public void OpenAi_IsConditionalAndKeyless()
    {
        var account = Template.Single("Microsoft.CognitiveServices/accounts");
        Assert.Equal("OpenAI", account.Kind);
        Assert.True(account.At("properties.disableLocalAuth")?.GetBoolean());

        var module = Template.OfType("Microsoft.Resources/deployments")
            .Single(d => ArmTemplate.At(d.Element, "properties.template")?.ToString().Contains("Microsoft.CognitiveServices/accounts", StringComparison.Ordinal) == true);
        Assert.Equal("[parameters('deployOpenAi')]", module.Condition);
        Assert.False(Template.Root.GetProperty("parameters").GetProperty("deployOpenAi").GetProperty("defaultValue").GetBoolean());
    }

    [Fact]
    public void ContainerAppsEnvironment_OffersServerlessGpuProfile()
    {
        var environment = Template.Single("Microsoft.App/managedEnvironments");
        var gpuParameter = environment.Template.GetProperty("parameters").GetProperty("gpuProfile");
        var allowed = gpuParameter.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["Consumption-GPU-NC8as-T4", "Consumption-GPU-NC24-A100", "cpu"], allowed);
        Assert.Equal("Consumption-GPU-NC8as-T4", gpuParameter.GetProperty("defaultValue").GetString());

        var gpuProfileVariable = environment.Template.GetProperty("variables").EnumerateObject()
            .Single(v => v.Value.ValueKind == JsonValueKind.Object
                && v.Value.TryGetProperty("workloadProfileType", out var t)
                && t.GetString() == "[parameters('gpuProfile')]");
        var profiles = environment.At("properties.workloadProfiles")?.ToString() ?? string.Empty;
        Assert.Contains($"variables('{gpuProfileVariable.Name}')", profiles, StringComparison.Ordinal);

        Assert.Equal("azure-monitor", environment.At("properties.appLogsConfiguration.destination")?.GetString());
        Assert.Contains(Template.OfType("Microsoft.Insights/diagnosticSettings"), d => d.Template.Equals(environment.Template));
    }

    [Fact]
    public void GpuWorker_ContainerAppIsSecuredScaledAndProbed()
    {
        var app = Template.Single("Microsoft.App/containerApps");
        Assert.Equal("UserAssigned", app.At("identity.type")?.GetString());
        Assert.Equal("gpu-worker", ServiceTag(app, "gpu-worker"));
        Assert.Equal(8080, app.At("properties.configuration.ingress.targetPort")?.GetInt32());
        Assert.False(app.At("properties.configuration.ingress.allowInsecure")?.GetBoolean());

        var registry = app.At("properties.configuration.registries")!.Value[0];
        Assert.Equal("[parameters('identityId')]", ArmTemplate.At(registry, "identity")?.GetString());
        Assert.False(registry.TryGetProperty("passwordSecretRef", out _));

        Assert.Equal(0, app.At("properties.template.scale.minReplicas")?.GetInt32());
        var rule = app.At("properties.template.scale.rules")!.Value[0];
        Assert.NotNull(ArmTemplate.At(rule, "http.metadata.concurrentRequests"));

        var container = app.At("properties.template.containers")!.Value[0];
        var probePaths = container.GetProperty("probes").EnumerateArray()
            .Select(p => ArmTemplate.At(p, "httpGet.path")?.GetString())
            .ToList();
        Assert.Contains("/healthz", probePaths);
        Assert.Contains("/readyz", probePaths);

        var env = container.GetProperty("env").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal("http://+:8080", env["ASPNETCORE_URLS"]);
        Assert.Contains("Auth__EntraTenantId", env.Keys);
        Assert.Contains("Auth__EntraAudience", env.Keys);
        Assert.Contains("AZURE_CLIENT_ID", env.Keys);
    }

    [Fact]
    public void Registry_HasAdminUserDisabled()
    {
        var registry = Template.Single("Microsoft.ContainerRegistry/registries");
        Assert.False(registry.At("properties.adminUserEnabled")?.GetBoolean());
    }

    [Fact]
    public void Monitoring_WorkspaceBackedApplicationInsights()
    {
        var insights = Template.Single("Microsoft.Insights/components");
        Assert.NotNull(insights.At("properties.WorkspaceResourceId"));
        Assert.Single(Template.OfType("Microsoft.OperationalInsights/workspaces"));
    }

    [Fact]
    public void Identity_IsSharedByBothApps()
    {
        Assert.Single(Template.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
        var site = FunctionApp();
        var app = Template.Single("Microsoft.App/containerApps");
        Assert.Contains("parameters('identityId')", site.At("identity.userAssignedIdentities")?.ToString(), StringComparison.Ordinal);
        Assert.Contains("parameters('identityId')", app.At("identity.userAssignedIdentities")?.ToString(), StringComparison.Ordinal);

        // Both modules receive the same identity module output.
        var sources = Template.OfType("Microsoft.Resources/deployments")
            .Where(d => d.At("properties.parameters.identityId") is not null)
            .Select(d => d.At("properties.parameters.identityId.value")?.GetString())
            .Distinct()
            .ToList();
        Assert.Single(sources);
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_CONTAINER_REGISTRY_ENDPOINT")]
    [InlineData("AZURE_CONTAINER_ENVIRONMENT_NAME")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_GPU_WORKER_URI")]
    [InlineData("COSMOS_ENDPOINT")]
    [InlineData("STORAGE_ACCOUNT_NAME")]
    [InlineData("EVENTGRID_TOPIC_ENDPOINT")]
    public void Main_HasOutput(string name)
    {
        Assert.True(Template.Root.GetProperty("outputs").TryGetProperty(name, out _), $"main.bicep lacks output {name}.");
    }

    internal static ArmResource FunctionApp() =>
        Template.OfType("Microsoft.Web/sites").Single(s => s.Kind.Contains("functionapp", StringComparison.Ordinal));

    /// <summary>Returns the azd-service-name the resource is tagged with, through the module's appTags parameter.</summary>
    private static string? ServiceTag(ArmResource resource, string expected)
    {
        var tags = resource.At("tags")?.GetString();
        if (tags != "[parameters('appTags')]")
        {
            return resource.At("tags.azd-service-name")?.GetString();
        }

        var module = Template.OfType("Microsoft.Resources/deployments")
            .Single(d => ArmTemplate.At(d.Element, "properties.template").HasValue
                && ArmTemplate.At(d.Element, "properties.template")!.Value.Equals(resource.Template));
        var value = module.At("properties.parameters.appTags.value")?.ToString() ?? string.Empty;
        return value.Contains($"'azd-service-name', '{expected}'", StringComparison.Ordinal) ? expected : value;
    }

    private static List<string?> Paths(JsonElement indexing, string property) =>
        indexing.GetProperty(property).EnumerateArray().Select(p => p.GetProperty("path").GetString()).ToList();
}
