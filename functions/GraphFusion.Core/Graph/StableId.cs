using System.Security.Cryptography;
using System.Text;

namespace GraphFusion.Core.Graph;

/// <summary>Short deterministic identifiers derived from content, so that every step is safe to repeat.</summary>
public static class StableId
{
    public static string Of(string prefix, params string[] parts)
    {
        var joined = string.Join('\u001f', parts);
        return prefix + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(joined)), 16);
    }

    public static string ContentHash(ReadOnlySpan<byte> content) => Hex(SHA256.HashData(content), 32);

    public static string ContentHash(Stream content) => Hex(SHA256.HashData(content), 32);

    private static string Hex(byte[] hash, int chars) => Convert.ToHexStringLower(hash)[..chars];
}
