using System.Security.Cryptography;
using System.Text.Json;
using GraphFusion.Core.Events;
using GraphFusion.Core.Webhooks;
using Microsoft.AspNetCore.Http;

namespace GraphFusion.Api;

/// <summary>Webhook subscriptions: create, list, delete, and each one's deliveries (with the reason of a dead letter).</summary>
public sealed class WebhookEndpoints(IWebhookStore webhooks, WebhookUrlPolicy urls, TimeProvider clock)
{
    public const int MinSecretLength = 16;

    public sealed record CreateBody(string? Url, IReadOnlyList<string>? Events, string? Secret);

    /// <summary>A subscription as the API shows it after creation: the secret only as a hint.</summary>
    public sealed record SubscriptionView(string Id, string Url, IReadOnlyList<string> Events, string SecretHint, DateTimeOffset CreatedAt)
    {
        public static SubscriptionView Of(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.Secret[..Math.Min(10, s.Secret.Length)] + "…", s.CreatedAt);
    }

    /// <summary><c>POST /api/webhooks</c> <c>{"url","events":[...],"secret"}</c>: 201 with the secret (generated when omitted), shown this once.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        CreateBody? body;
        try
        {
            body = await request.ReadFromJsonAsync<CreateBody>(JsonSerializerOptions.Web, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return ApiResults.BadRequest("body must be JSON: {\"url\": \"https://...\", \"events\": [\"document.ingested\"], \"secret\": \"whsec_...\"}");
        }

        if (body?.Url is not { Length: > 0 } url)
        {
            return ApiResults.BadRequest("'url' is required");
        }

        var events = body.Events ?? [];
        if (events.FirstOrDefault(e => e != "*" && !EventTypes.All.Contains(e)) is { } unknown)
        {
            return ApiResults.BadRequest($"unknown event type '{unknown}'; known: {string.Join(", ", EventTypes.All)}");
        }

        if (body.Secret is { } given && given.Length < MinSecretLength)
        {
            return ApiResults.BadRequest($"'secret' must have at least {MinSecretLength} characters (or be omitted to get a generated one)");
        }

        if (await urls.CheckAsync(url, cancellationToken) is { } refusal)
        {
            return ApiResults.BadRequest(refusal);
        }

        var subscription = new WebhookSubscription(
            "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), url, [.. events.Distinct()], body.Secret ?? WebhookSignature.NewSecret(), clock.GetUtcNow());
        await webhooks.AddAsync(subscription, cancellationToken);
        return Results.Created($"/api/webhooks/{subscription.Id}", subscription);
    }

    public async Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        Results.Ok((await webhooks.ListAsync(cancellationToken)).Select(SubscriptionView.Of));

    public async Task<IResult> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(id, cancellationToken) ? Results.NoContent() : ApiResults.NotFound($"no webhook {id}");

    public async Task<IResult> DeliveriesAsync(string id, CancellationToken cancellationToken) =>
        await webhooks.GetAsync(id, cancellationToken) is null
            ? ApiResults.NotFound($"no webhook {id}")
            : Results.Ok(await webhooks.ListDeliveriesAsync(id, cancellationToken));
}
