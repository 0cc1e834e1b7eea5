using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GraphFusion.Core.Webhooks;

/// <summary>
/// Standard Webhooks signatures: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>.
/// A secret is either <c>whsec_&lt;base64&gt;</c> (the key is the decoded bytes) or any other string (its UTF-8 bytes).
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(5);

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static byte[] KeyOf(string secret)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(secret[SecretPrefix.Length..]);
            }
            catch (FormatException)
            {
                // Not base64 after all: use the whole string as a raw secret.
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    public static string Sign(string secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(Hmac(KeyOf(secret), id, timestamp, body));

    /// <summary>
    /// True when one of the space-separated <c>v1,</c> signatures matches and the timestamp is within
    /// <paramref name="tolerance"/> of <paramref name="now"/> (either side), which bounds replays.
    /// </summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatures, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > (tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return false;
        }

        var expected = Hmac(KeyOf(secret), id, seconds, body);
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!candidate.StartsWith("v1,", StringComparison.Ordinal))
            {
                continue;
            }

            var actual = new byte[expected.Length];
            if (Convert.TryFromBase64String(candidate[3..], actual, out var written) && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Hmac(byte[] key, string id, long timestamp, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
}
