using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using GraphFusion.GpuWorker.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Auth;

/// <summary>
/// Accepts the configured API key as <c>Authorization: Bearer &lt;key&gt;</c> or <c>api-key: &lt;key&gt;</c>.
/// Keys are compared through their SHA-256 hashes in constant time, so neither the content nor the
/// length of the key leaks through timing.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyHeader = "api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = auth.Value.ApiKey;
        if (string.IsNullOrWhiteSpace(expected))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!KeysMatch(presented, expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(
            Endpoints.ErrorResponse.Create("Missing or invalid API key: send 'Authorization: Bearer <key>' or 'api-key: <key>'.", "invalid_api_key", "authentication_error"),
            Context.RequestAborted);
    }

    /// <summary>The key from <c>api-key</c>, else from <c>Authorization: Bearer</c>; null when neither is sent.</summary>
    internal static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[ApiKeyHeader].ToString();
        if (!string.IsNullOrEmpty(header))
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }

    internal static bool KeysMatch(string presented, string expected)
    {
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
