// A minimal receiver of GraphFusion webhooks. Run:
//   WEBHOOK_SECRET=whsec_... dotnet run --project samples/webhook-receiver --urls http://127.0.0.1:5099
// and register http://127.0.0.1:5099/hook with the secret (development setting Webhooks__AllowPrivateNetworks=true).
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

var secret = Environment.GetEnvironmentVariable("WEBHOOK_SECRET") ?? throw new InvalidOperationException("Set WEBHOOK_SECRET.");
var tolerance = TimeSpan.FromMinutes(5);
var seen = new HashSet<string>();

var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapPost("/hook", async (HttpRequest request) =>
{
    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var body = await reader.ReadToEndAsync();
    var id = request.Headers["webhook-id"].ToString();
    var timestamp = request.Headers["webhook-timestamp"].ToString();
    var signatures = request.Headers["webhook-signature"].ToString();
    if (!Verify(secret, id, timestamp, body, signatures, tolerance))
    {
        return Results.Unauthorized();
    }

    lock (seen)
    {
        if (!seen.Add(id))
        {
            return Results.Ok(); // a retry of a delivery already handled
        }
    }

    Console.WriteLine($"{id}: {body}");
    return Results.Ok();
});
app.Run();

static bool Verify(string secret, string id, string timestamp, string body, string signatures, TimeSpan tolerance)
{
    if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
    {
        return false;
    }

    var key = secret.StartsWith("whsec_", StringComparison.Ordinal) ? Convert.FromBase64String(secret["whsec_".Length..]) : Encoding.UTF8.GetBytes(secret);
    var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
    foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        if (candidate.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(candidate[3..]), expected))
        {
            return true;
        }
    }

    return false;
}
