using System.Net.Http.Headers;
using Azure.Core;

namespace GraphFusion.Functions.Merging;

/// <summary>
/// Authenticates calls to the GPU worker: an Entra access token for its audience (the app's managed identity in
/// Azure), or, locally, the worker's API key.
/// </summary>
public sealed class GpuWorkerCredentialHandler(GpuWorkerCredentials credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (credentials.ApiKey is { } key)
        {
            request.Headers.Remove("api-key");
            request.Headers.Add("api-key", key);
        }
        else if (credentials.Credential is { } credential && credentials.Audience is { } audience)
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([audience.TrimEnd('/') + "/.default"]), cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>How to authenticate to the worker: an API key (local), or a token credential and audience (Azure); neither for an anonymous worker.</summary>
public sealed record GpuWorkerCredentials(string? ApiKey, TokenCredential? Credential, string? Audience);
