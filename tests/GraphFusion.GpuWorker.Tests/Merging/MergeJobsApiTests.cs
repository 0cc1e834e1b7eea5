using System.Net;
using System.Security.Cryptography;
using GraphFusion.GpuWorker.Merging;
using GraphFusion.Merging.SafeTensors;

namespace GraphFusion.GpuWorker.Tests.Merging;

[Collection(MergeWorkerCollection.Name)]
public sealed class MergeJobsApiTests(MergeWorkerFixture fixture)
{
    private const string Ties = """
        merge_method: ties
        base_model: base
        models:
          - model: ft1
            parameters: {weight: 1.0, density: 0.5}
          - model: ft2
            parameters: {weight: 0.5, density: 0.5}
        """;

    [Fact]
    public async Task A_submitted_job_runs_in_the_background_and_reports_progress_then_files_with_hashes()
    {
        using var response = await MergeApi.PostYamlAsync(fixture.Client, Ties, output: $"ties-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await MergeApi.ReadAsync<MergeJobView>(response);
        Assert.Equal($"/v1/merges/{accepted.Id}", response.Headers.Location?.ToString());
        Assert.Contains(accepted.State, new[] { MergeJobStates.Queued, MergeJobStates.Running });

        var (_, job) = await MergeApi.WaitAsync(fixture.Client, accepted.Id);

        Assert.Equal(MergeJobStates.Succeeded, job.State);
        Assert.Null(job.Error);
        Assert.Equal("ties", job.Method);
        Assert.Equal(3, job.Progress.TensorsTotal);
        Assert.Equal(job.Progress.TensorsTotal, job.Progress.TensorsDone);
        Assert.Equal(3 * 3 * ModelsRoot.Rows * ModelsRoot.Columns * 4, job.Progress.BytesRead);
        Assert.True(job.StartedAt >= job.SubmittedAt && job.CompletedAt >= job.StartedAt);

        var result = job.Result!;
        Assert.Equal("ties", result.Method);
        Assert.Equal("Checkpoint", result.OutputKind);
        Assert.Equal($"merged/{accepted.Output}", result.OutputDirectory);
        Assert.True(result.ElapsedSeconds > 0);
        Assert.Null(result.ReconstructionError);
        Assert.Contains(result.Accelerator, new[] { "cpu-simd", "ilgpu-cuda" });
        var file = Assert.Single(result.Files);
        Assert.Equal(SafeTensorsCheckpoint.SingleFileName, file.Path);
        var written = fixture.Models.Combine("merged", accepted.Output, file.Path);
        Assert.Equal(Sha256(written), file.Sha256);
        Assert.Equal(new FileInfo(written).Length, file.SizeBytes);

        Assert.Equal(["base:base", "model:ft1", "model:ft2"], job.Inputs.Select(i => $"{i.Role}:{i.Model}"));
        var baseFile = Assert.Single(job.Inputs[0].Files);
        Assert.Equal("base/model.safetensors", baseFile.Path);
        Assert.Equal(Sha256(fixture.Models.Combine("base", "model.safetensors")), baseFile.Sha256);
    }

    [Fact]
    public async Task A_succeeded_jobs_output_files_are_served_by_name_and_nothing_else_is()
    {
        using var response = await MergeApi.PostYamlAsync(fixture.Client, Ties, output: $"files-{Guid.NewGuid():N}");
        var accepted = await MergeApi.ReadAsync<MergeJobView>(response);
        var (_, job) = await MergeApi.WaitAsync(fixture.Client, accepted.Id);
        var file = Assert.Single(job.Result!.Files);

        using var download = await GetAsync($"/v1/merges/{job.Id}/files/{file.Path}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(file.SizeBytes, bytes.Length);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        using var unknownFile = await GetAsync($"/v1/merges/{job.Id}/files/..%2F..%2Fbase%2Fmodel.safetensors");
        Assert.Equal(HttpStatusCode.NotFound, unknownFile.StatusCode);
        using var unknownJob = await GetAsync($"/v1/merges/{Guid.NewGuid():N}/files/{file.Path}");
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("api-key", WorkerFactory.ApiKey);
        return await fixture.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_json_submission_merges_what_the_recipe_says_and_a_repeated_idempotency_key_returns_the_same_job()
    {
        const string linear = "merge_method: linear\nmodels:\n  - model: ft1\n  - model: ft2\n";
        var key = Guid.NewGuid().ToString("N");
        var output = $"linear-{key}";
        using var first = await MergeApi.PostJsonAsync(fixture.Client, linear, output, key);
        using var again = await MergeApi.PostJsonAsync(fixture.Client, linear, output, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var id = (await MergeApi.ReadAsync<MergeJobView>(first)).Id;
        Assert.Equal(id, (await MergeApi.ReadAsync<MergeJobView>(again)).Id);

        var (_, job) = await MergeApi.WaitAsync(fixture.Client, id);
        Assert.Equal(MergeJobStates.Succeeded, job.State);
        using var merged = SafeTensorsCheckpoint.Open(fixture.Models.Combine("merged", output));
        var expected = ModelsRoot.Values(1, 0.5f).Zip(ModelsRoot.Values(1, -0.25f), (a, b) => (a + b) / 2).ToArray();
        var actual = merged.ReadFloat("model.layers.0.mlp.weight");
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-6));
    }

    [Fact]
    public async Task A_recipe_with_several_problems_gets_400_listing_all_of_them_and_starts_nothing()
    {
        const string invalid = """
            merge_method: ties
            models:
              - model: ft1
                parameters: {density: 1.5}
              - model: missing-model
            colour: blue
            """;

        using var response = await MergeApi.PostYamlAsync(fixture.Client, invalid);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await MergeApi.ReadAsync<MergeErrorResponse>(response);
        Assert.Equal("invalid_recipe", error.Code);
        Assert.Contains(error.Problems, p => p.Contains("colour", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("base_model", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("missing-model", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("1.5", StringComparison.Ordinal));
        Assert.Contains($"{error.Problems.Count} problem(s)", error.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside", "contains '..'")]
    [InlineData("ft1/../../outside", "contains '..'")]
    [InlineData("/etc", "outside the models root")]
    public async Task Model_paths_that_leave_the_models_root_are_rejected(string path, string expected)
    {
        var recipe = $"merge_method: linear\nmodels:\n  - model: ft1\n  - model: {path}\n";

        using var response = await MergeApi.PostYamlAsync(fixture.Client, recipe);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await MergeApi.ReadAsync<MergeErrorResponse>(response);
        Assert.Equal("path_not_allowed", error.Code);
        var problem = Assert.Single(error.Problems);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbolic_links_that_lead_outside_the_models_root_are_rejected_but_absolute_paths_inside_it_are_not()
    {
        var outside = Path.Combine(Path.GetTempPath(), "gf-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outside);
        try
        {
            File.Copy(fixture.Models.Combine("ft1", "model.safetensors"), Path.Combine(outside, "model.safetensors"));
            var linkedFolder = "linked-" + Guid.NewGuid().ToString("N");
            Directory.CreateSymbolicLink(fixture.Models.Combine(linkedFolder), outside);
            var folderWithLinkedFile = "file-link-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(fixture.Models.Combine(folderWithLinkedFile));
            File.CreateSymbolicLink(fixture.Models.Combine(folderWithLinkedFile, "model.safetensors"), Path.Combine(outside, "model.safetensors"));

            using var viaFolder = await MergeApi.PostYamlAsync(fixture.Client, $"merge_method: linear\nmodels:\n  - model: ft1\n  - model: {linkedFolder}\n");
            using var viaFile = await MergeApi.PostYamlAsync(fixture.Client, $"merge_method: linear\nmodels:\n  - model: ft1\n  - model: {folderWithLinkedFile}\n");
            using var absoluteInside = await MergeApi.PostYamlAsync(fixture.Client, $"merge_method: linear\nmodels:\n  - model: {fixture.Models.Combine("ft1")}\n  - model: ft2\n");

            foreach (var response in new[] { viaFolder, viaFile })
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var error = await MergeApi.ReadAsync<MergeErrorResponse>(response);
                Assert.Equal("path_not_allowed", error.Code);
                Assert.Contains("symbolic link", Assert.Single(error.Problems), StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.Accepted, absoluteInside.StatusCode);
            var (_, job) = await MergeApi.WaitAsync(fixture.Client, (await MergeApi.ReadAsync<MergeJobView>(absoluteInside)).Id);
            Assert.Equal(MergeJobStates.Succeeded, job.State);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task Output_names_must_be_plain_folder_names(string output)
    {
        using var response = await MergeApi.PostJsonAsync(fixture.Client, "merge_method: linear\nmodels:\n  - model: ft1\n  - model: ft2\n", output);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await MergeApi.ReadAsync<MergeErrorResponse>(response)).Code);
    }

    [Fact]
    public async Task Merges_need_the_api_key_and_unknown_jobs_are_404()
    {
        using var anonymous = await MergeApi.PostYamlAsync(fixture.Client, Ties, apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/merges/does-not-exist");
        request.Headers.Add("api-key", WorkerFactory.ApiKey);
        using var missing = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
