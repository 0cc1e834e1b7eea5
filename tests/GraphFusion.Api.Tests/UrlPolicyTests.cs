using System.Net;
using GraphFusion.Core.Webhooks;

namespace GraphFusion.Api.Tests;

public class UrlPolicyTests
{
    private static WebhookUrlPolicy Policy(bool allowPrivate, params string[] answers) =>
        new(allowPrivate, (_, _) => Task.FromResult(answers.Select(IPAddress.Parse).ToArray()));

    [Theory]
    [InlineData("http://example.com/hook", "https")]
    [InlineData("ftp://example.com/hook", "http(s)")]
    [InlineData("https://127.0.0.1/hook", "127.0.0.1")]
    [InlineData("https://10.1.2.3/hook", "10.1.2.3")]
    [InlineData("https://172.16.0.1/hook", "172.16.0.1")]
    [InlineData("https://192.168.1.1/hook", "192.168.1.1")]
    [InlineData("https://169.254.169.254/latest/meta-data", "169.254.169.254")]
    [InlineData("https://100.64.0.1/hook", "100.64.0.1")]
    [InlineData("https://0.0.0.0/hook", "0.0.0.0")]
    [InlineData("https://[::1]/hook", "::1")]
    [InlineData("https://[fe80::1]/hook", "fe80::1")]
    [InlineData("https://[fd00::1]/hook", "fd00::1")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "127.0.0.1")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "169.254.169.254")]
    [InlineData("https://[64:ff9b::a00:1]/hook", "64:ff9b::a00:1")]
    [InlineData("https://user:pass@example.com/hook", "credentials")]
    public async Task Forbidden_urls_are_rejected_by_default(string url, string reason)
    {
        var refusal = await Policy(false, "93.184.216.34").CheckAsync(url, CancellationToken.None);
        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_resolved_address_must_be_public()
    {
        Assert.Null(await Policy(false, "93.184.216.34", "2606:2800:220:1::248").CheckAsync("https://receiver.example/hook", CancellationToken.None));
        Assert.Contains("10.0.0.5", await Policy(false, "93.184.216.34", "10.0.0.5").CheckAsync("https://receiver.example/hook", CancellationToken.None), StringComparison.Ordinal);
        Assert.Contains("::ffff:192.168.0.1", await Policy(false, "::ffff:192.168.0.1").CheckAsync("https://receiver.example/hook", CancellationToken.None), StringComparison.Ordinal);
        Assert.Contains("does not resolve", await Policy(false).CheckAsync("https://receiver.example/hook", CancellationToken.None), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("http://[::1]:9000/hook")]
    [InlineData("http://169.254.1.1/hook")]
    public async Task The_development_setting_allows_private_networks_and_http(string url)
    {
        var policy = Policy(true, "127.0.0.1");
        Assert.Null(await policy.CheckAsync(url, CancellationToken.None));
        Assert.True(policy.Permits(IPAddress.Loopback));
    }

    [Fact]
    public async Task Even_the_development_setting_rejects_non_http_schemes()
    {
        Assert.NotNull(await Policy(true).CheckAsync("file:///etc/passwd", CancellationToken.None));
    }

    [Fact]
    public void Public_addresses_are_public()
    {
        Assert.True(WebhookUrlPolicy.IsPublic(IPAddress.Parse("8.8.8.8")));
        Assert.True(WebhookUrlPolicy.IsPublic(IPAddress.Parse("2606:4700:4700::1111")));
        Assert.True(WebhookUrlPolicy.IsPublic(IPAddress.Parse("::ffff:8.8.8.8")));
        Assert.False(WebhookUrlPolicy.IsPublic(IPAddress.Parse("::")));
    }
}
