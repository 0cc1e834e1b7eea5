using System.Net;

namespace GraphFusion.Cli.Serve;

/// <summary>Which <c>--urls</c> are local: <c>localhost</c> or a loopback IP address literal.</summary>
public static class LoopbackBinding
{
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback && (uri.Host == "localhost" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>The first URL that is not local, or null when all are.</summary>
    public static string? FirstRemote(IEnumerable<string> urls) => urls.FirstOrDefault(u => !IsLoopback(u));
}
