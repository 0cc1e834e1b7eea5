namespace GraphFusion.Workers;

/// <summary>Sends the worker's API key (<c>Auth__ApiKey</c> there) as the <c>api-key</c> header.</summary>
public sealed class ApiKeyHandler(string apiKey) : DelegatingHandler
{
    public const string Header = "api-key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(Header);
        request.Headers.Add(Header, apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
