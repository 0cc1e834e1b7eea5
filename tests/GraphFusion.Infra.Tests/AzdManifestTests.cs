using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace GraphFusion.Infra.Tests;

public class AzdManifestTests
{
    [Fact]
    public void AzureYaml_DeclaresBothServices()
    {
        var root = LoadAzureYaml();
        Assert.Equal("graphfusion", Scalar(root, "name"));

        var services = (YamlMappingNode)root.Children[new YamlScalarNode("services")];
        Assert.Equal(["functions", "gpu-worker"], services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order(StringComparer.Ordinal));

        var functions = (YamlMappingNode)services.Children[new YamlScalarNode("functions")];
        Assert.Equal("./functions/GraphFusion.Functions", Scalar(functions, "project"));
        Assert.Equal("dotnet", Scalar(functions, "language"));
        Assert.Equal("function", Scalar(functions, "host"));

        var worker = (YamlMappingNode)services.Children[new YamlScalarNode("gpu-worker")];
        Assert.Equal("./gpu-worker/GraphFusion.GpuWorker", Scalar(worker, "project"));
        Assert.Equal("dotnet", Scalar(worker, "language"));
        Assert.Equal("containerapp", Scalar(worker, "host"));
        var docker = (YamlMappingNode)worker.Children[new YamlScalarNode("docker")];
        Assert.Equal("./Dockerfile", Scalar(docker, "path"));
    }

    [Fact]
    public void AzureYaml_ProjectFoldersAndDockerfileExist()
    {
        var services = (YamlMappingNode)LoadAzureYaml().Children[new YamlScalarNode("services")];
        foreach (var (key, value) in services.Children)
        {
            var service = (YamlMappingNode)value;
            var project = Path.GetFullPath(Path.Combine(RepoPaths.Root, Scalar(service, "project")!));
            Assert.True(Directory.Exists(project), $"Service {key} project folder {project} does not exist.");

            if (service.Children.TryGetValue(new YamlScalarNode("docker"), out var dockerNode))
            {
                var docker = (YamlMappingNode)dockerNode;
                var dockerfile = Path.GetFullPath(Path.Combine(project, Scalar(docker, "path")!));
                Assert.True(File.Exists(dockerfile), $"Dockerfile {dockerfile} does not exist.");

                var context = Path.GetFullPath(Path.Combine(project, Scalar(docker, "context") ?? "."));
                Assert.True(File.Exists(Path.Combine(context, "Directory.Build.props")), "The docker build context must be the repository root.");
            }
        }
    }

    [Fact]
    public void AzureYaml_UsesBicepInfraFolder()
    {
        var infra = (YamlMappingNode)LoadAzureYaml().Children[new YamlScalarNode("infra")];
        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(RepoPaths.Combine(Scalar(infra, "path")!, $"{Scalar(infra, "module")}.bicep")));
    }

    [Fact]
    public void Parameters_CoverMainParametersWithAzdConventions()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("infra", "main.parameters.json")));
        var values = parameters.RootElement.GetProperty("parameters");
        Assert.Equal("${AZURE_ENV_NAME}", values.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal("${AZURE_LOCATION}", values.GetProperty("location").GetProperty("value").GetString());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", values.GetProperty("principalId").GetProperty("value").GetString());

        var declared = CompiledMain.Template.Root.GetProperty("parameters");
        foreach (var parameter in values.EnumerateObject())
        {
            Assert.True(declared.TryGetProperty(parameter.Name, out _), $"main.parameters.json sets unknown parameter {parameter.Name}.");
        }
    }

    [Fact]
    public void Dockerfile_IsMultiStageNonRootAndHealthChecked()
    {
        var text = File.ReadAllText(RepoPaths.Combine("gpu-worker", "GraphFusion.GpuWorker", "Dockerfile"));
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        Assert.Contains("gpu-worker/GraphFusion.GpuWorker/GraphFusion.GpuWorker.csproj", text, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeFlavor=", text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("ARG OnnxRuntimeFlavor=gpu", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ARG VARIANT=gpu", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ARG CUDA_IMAGE=nvidia/cuda:13.", StringComparison.Ordinal) && l.Contains("cudnn", StringComparison.Ordinal) && l.EndsWith("ubuntu24.04", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FROM runtime-${VARIANT}", StringComparison.Ordinal));
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains("http://127.0.0.1:8080/healthz", text, StringComparison.Ordinal);

        var user = lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.NotEqual("USER 0", user);
    }

    private static YamlMappingNode LoadAzureYaml()
    {
        using var reader = new StreamReader(RepoPaths.Combine("azure.yaml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
