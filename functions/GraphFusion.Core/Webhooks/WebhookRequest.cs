namespace GraphFusion.Core.Webhooks;

/// <summary>One signed POST to a receiver.</summary>
public sealed record WebhookRequest(string Url, string Id, long Timestamp, string Body, string Signature)
{
    public static WebhookRequest Create(string url, string secret, string id, DateTimeOffset now, string body)
    {
        var timestamp = now.ToUnixTimeSeconds();
        return new WebhookRequest(url, id, timestamp, body, WebhookSignature.Sign(secret, id, timestamp, body));
    }
}

/// <summary>How an attempt ended. <see cref="Retryable"/> is false when trying again cannot help (e.g. 410 Gone, a forbidden address).</summary>
public sealed record WebhookSendResult(bool Delivered, bool Retryable, int? StatusCode, string? Error)
{
    public static WebhookSendResult Success(int statusCode) => new(true, false, statusCode, null);

    public static WebhookSendResult Permanent(string error, int? statusCode = null) => new(false, false, statusCode, error);

    public static WebhookSendResult Transient(string error, int? statusCode = null) => new(false, true, statusCode, error);

    /// <summary>2xx delivers; 410 Gone is final; any other status is retried.</summary>
    public static WebhookSendResult FromStatus(int statusCode) => statusCode switch
    {
        >= 200 and < 300 => Success(statusCode),
        410 => Permanent("receiver answered 410 Gone", statusCode),
        _ => Transient($"receiver answered {statusCode}", statusCode),
    };
}

/// <summary>Sends one webhook request; implementations add the Standard Webhooks headers and do not follow redirects.</summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(WebhookRequest request, CancellationToken cancellationToken);
}
