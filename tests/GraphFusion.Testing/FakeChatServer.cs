// The members mirror the chat-completions protocol and speak for themselves.
#pragma warning disable CS1591
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GraphFusion.Testing;

/// <summary>A request the server received.</summary>
public sealed record RecordedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, JsonObject Body, TimeSpan ReceivedAt)
{
    public JsonArray Messages => Body["messages"]!.AsArray();

    public string AllMessageText => string.Join("\n", Messages.Select(m => MessageText(m!)));

    public string MessageText(int index) => MessageText(Messages[index]!);

    public string Role(int index) => Messages[index]!["role"]!.GetValue<string>();

    private static string MessageText(JsonNode message) => message["content"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => string.Empty,
    };
}

/// <summary>What the server answers: a chat completion with <see cref="Content"/>, or an error status.</summary>
public sealed record ScriptedReply(int Status, string? Content, TimeSpan Delay = default, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedReply Ok(string content) => new(200, content);

    public static ScriptedReply Error(int status, string? retryAfter = null) =>
        new(status, null, Headers: retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    public static ScriptedReply Slow(TimeSpan delay, string content) => new(200, content, delay);
}

/// <summary>
/// A local server speaking the OpenAI chat-completions protocol on 127.0.0.1 (random port): both the OpenAI route
/// (<c>/v1/chat/completions</c>) and the Azure OpenAI route (<c>/openai/deployments/{deployment}/chat/completions</c>).
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    public const long ReportedPromptTokens = 1_000;
    public const long ReportedCompletionTokens = 50;

    private readonly WebApplication app;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private int count;

    private FakeChatServer(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>Decides the reply from the request and its 0-based number.</summary>
    public Func<RecordedRequest, int, ScriptedReply> Responder { get; set; } = (_, _) => ScriptedReply.Ok("{\"entities\":[],\"triplets\":[]}");

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Replies in order from a script; the last reply repeats.</summary>
    public void Script(params ScriptedReply[] replies) =>
        Responder = (_, index) => replies[Math.Min(index, replies.Length - 1)];

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new RecordedRequest(context.Request.Path, context.Request.QueryString.Value ?? string.Empty, headers, body, clock.Elapsed);
        requests.Enqueue(request);
        var reply = Responder(request, Interlocked.Increment(ref count) - 1);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        if (reply.Status != 200)
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message = $"scripted {reply.Status}", type = "server_error", code = reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
            return;
        }

        var completion = new
        {
            id = "chatcmpl-" + count,
            @object = "chat.completion",
            created = 1_700_000_000,
            model = body["model"]?.GetValue<string>() ?? "unknown",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = ReportedPromptTokens, completion_tokens = ReportedCompletionTokens, total_tokens = ReportedPromptTokens + ReportedCompletionTokens },
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(completion));
    }
}
