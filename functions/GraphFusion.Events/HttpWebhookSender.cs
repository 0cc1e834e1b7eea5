using System.Net.Sockets;
using System.Text;
using GraphFusion.Core.Events;
using GraphFusion.Core.Webhooks;

namespace GraphFusion.Events;

/// <summary>
/// POSTs signed webhook requests. Redirects are not followed, and <see cref="CreateHandler"/> checks the address
/// actually connected to against the URL policy, so a DNS answer that changes after validation cannot reach a private address.
/// </summary>
public sealed class HttpWebhookSender(HttpClient http) : IWebhookSender
{
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(15);

    public static SocketsHttpHandler CreateHandler(WebhookUrlPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await System.Net.Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(policy.Permits).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to addresses webhooks may not reach");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public async Task<WebhookSendResult> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, CloudEventJson.ContentType),
        };
        message.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, request.Id);
        message.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, request.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, request.Signature);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return WebhookSendResult.FromStatus((int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return WebhookSendResult.Transient($"request failed: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookSendResult.Transient($"no answer within {Timeout.TotalSeconds:0} s");
        }
    }
}
