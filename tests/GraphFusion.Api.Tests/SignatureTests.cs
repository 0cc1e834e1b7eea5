using GraphFusion.Core.Webhooks;

namespace GraphFusion.Api.Tests;

public class SignatureTests
{
    private const string Body = "{\"type\":\"document.ingested\",\"id\":\"evt_1\"}";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void A_valid_signature_verifies_with_whsec_and_raw_secrets()
    {
        foreach (var secret in new[] { WebhookSignature.NewSecret(), "a-raw-shared-secret-of-some-length" })
        {
            var request = WebhookRequest.Create("https://example.com/hook", secret, "msg_1", Now, Body);
            Assert.StartsWith("v1,", request.Signature, StringComparison.Ordinal);
            Assert.True(WebhookSignature.Verify(secret, "msg_1", request.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), Body, request.Signature, Now.AddSeconds(30)));
        }
    }

    [Fact]
    public void Matches_the_published_standard_webhooks_example()
    {
        // The reference example of the Standard Webhooks specification.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string payload = "{\"test\": 2432232314}";
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, payload));
    }

    [Fact]
    public void A_tampered_body_or_id_or_wrong_secret_fails()
    {
        var secret = WebhookSignature.NewSecret();
        var request = WebhookRequest.Create("https://example.com/hook", secret, "msg_1", Now, Body);
        var timestamp = request.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(WebhookSignature.Verify(secret, "msg_1", timestamp, Body.Replace("ingested", "removed", StringComparison.Ordinal), request.Signature, Now));
        Assert.False(WebhookSignature.Verify(secret, "msg_2", timestamp, Body, request.Signature, Now));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), "msg_1", timestamp, Body, request.Signature, Now));
        Assert.False(WebhookSignature.Verify(secret, "msg_1", timestamp, Body, "v1,not-base64!", Now));
    }

    [Fact]
    public void A_timestamp_outside_the_replay_window_fails_even_with_a_valid_signature()
    {
        var secret = WebhookSignature.NewSecret();
        var request = WebhookRequest.Create("https://example.com/hook", secret, "msg_1", Now, Body);
        var timestamp = request.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(WebhookSignature.Verify(secret, "msg_1", timestamp, Body, request.Signature, Now.AddMinutes(4)));
        Assert.False(WebhookSignature.Verify(secret, "msg_1", timestamp, Body, request.Signature, Now.AddMinutes(6)));
        Assert.False(WebhookSignature.Verify(secret, "msg_1", timestamp, Body, request.Signature, Now.AddMinutes(-6)));
    }

    [Fact]
    public void One_of_several_signatures_may_match_during_secret_rotation()
    {
        var secret = WebhookSignature.NewSecret();
        var request = WebhookRequest.Create("https://example.com/hook", secret, "msg_1", Now, Body);
        var header = $"{WebhookSignature.Sign(WebhookSignature.NewSecret(), "msg_1", request.Timestamp, Body)} {request.Signature}";
        Assert.True(WebhookSignature.Verify(secret, "msg_1", request.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), Body, header, Now));
    }
}
