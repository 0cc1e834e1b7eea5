using GraphFusion.GpuWorker.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace GraphFusion.GpuWorker.Auth;

/// <summary>API key and Microsoft Entra (JWT bearer) authentication behind one policy scheme.</summary>
internal static class AuthenticationSetup
{
    private const string SelectorScheme = "ApiKeyOrEntra";

    public static IServiceCollection AddWorkerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or Entra token", policy => policy.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();

        // Entra settings are read when the options are first used, so configuration added late
        // (environment, command line, tests) is honoured. Signing keys are fetched from the
        // tenant's metadata on the first token only.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                var a = auth.Value;
                if (!a.HasEntra)
                {
                    return;
                }

                jwt.Authority = $"{a.EntraInstance.TrimEnd('/')}/{a.EntraTenantId}/v2.0";
                jwt.Audience = a.EntraAudience;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.ValidAudiences = [a.EntraAudience!, $"api://{a.EntraAudience}"];
                jwt.TokenValidationParameters.ValidIssuers =
                [
                    $"https://login.microsoftonline.com/{a.EntraTenantId}/v2.0",
                    $"https://sts.windows.net/{a.EntraTenantId}/",
                ];
            });

        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// Sends a bearer token that looks like a JWT to the Entra handler when Entra is configured;
    /// everything else (api-key header, opaque bearer keys, no credentials) to the API key handler.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!auth.HasEntra || context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.ApiKeyHeader))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        var token = ApiKeyAuthenticationHandler.PresentedKey(context.Request);
        var looksLikeJwt = token is not null && token.Count(c => c == '.') == 2;
        return looksLikeJwt || !auth.HasApiKey ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthenticationHandler.SchemeName;
    }

    /// <summary>Refuses to run without any authentication unless anonymous access was explicitly allowed.</summary>
    public static void EnsureConfigured(AuthOptions auth)
    {
        if (!auth.HasApiKey && !auth.HasEntra && !auth.AllowAnonymous)
        {
            throw new InvalidOperationException(
                "No authentication configured: set Auth:ApiKey (Auth__ApiKey), or Auth:EntraTenantId and Auth:EntraAudience, " +
                "or Auth:AllowAnonymous=true to serve without credentials.");
        }
    }
}
