using System.Net;
using System.Net.Sockets;

namespace GraphFusion.Core.Webhooks;

/// <summary>
/// Where webhooks may be delivered. By default: https only, and every address the host name resolves to must be public
/// (no loopback, private, link-local, shared, multicast or reserved ranges; IPv4-mapped, IPv4-compatible and NAT64 IPv6
/// addresses are judged by their IPv4 address). <see cref="AllowPrivateNetworks"/> is for development: it lifts both rules.
/// </summary>
public sealed class WebhookUrlPolicy(bool allowPrivateNetworks, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve = resolve ?? Dns.GetHostAddressesAsync;

    public bool AllowPrivateNetworks { get; } = allowPrivateNetworks;

    /// <summary>Null when <paramref name="url"/> is acceptable, otherwise the reason it is not.</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "url must be an absolute http(s) URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "url must not contain credentials";
        }

        if (AllowPrivateNetworks)
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "url must use https";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await resolve(uri.IdnHost, cancellationToken);
        }
        catch (SocketException ex)
        {
            return $"host {uri.Host} does not resolve ({ex.SocketErrorCode})";
        }

        if (addresses.Length == 0)
        {
            return $"host {uri.Host} does not resolve";
        }

        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } forbidden
            ? $"host {uri.Host} resolves to {forbidden}, a loopback, private, link-local or reserved address"
            : null;
    }

    /// <summary>The same rule for an address about to be connected to (defends against DNS answers that change).</summary>
    public bool Permits(IPAddress address) => AllowPrivateNetworks || IsPublic(address);

    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                return IsPublic(address.MapToIPv4());
            }

            var b = address.GetAddressBytes();
            if (b.Take(12).All(x => x == 0))
            {
                // ::/96: unspecified, loopback and the deprecated IPv4-compatible form.
                return b[12] != 0 && IsPublic(new IPAddress(b[12..]));
            }

            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0))
            {
                return IsPublic(new IPAddress(b[12..])); // NAT64 64:ff9b::/96
            }

            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc // unique local fc00::/7
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation 2001:db8::/32
                || (b[0] == 0x20 && b[1] == 0x02)); // 6to4 2002::/16 embeds arbitrary IPv4
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var v4 = address.GetAddressBytes();
        return !(v4[0] == 0 // this network
            || v4[0] == 10
            || v4[0] == 127
            || (v4[0] == 100 && (v4[1] & 0xc0) == 64) // shared 100.64/10
            || (v4[0] == 169 && v4[1] == 254)
            || (v4[0] == 172 && (v4[1] & 0xf0) == 16)
            || (v4[0] == 192 && v4[1] == 0 && v4[2] == 0)
            || (v4[0] == 192 && v4[1] == 0 && v4[2] == 2)
            || (v4[0] == 192 && v4[1] == 168)
            || (v4[0] == 198 && (v4[1] & 0xfe) == 18) // benchmarking 198.18/15
            || (v4[0] == 198 && v4[1] == 51 && v4[2] == 100)
            || (v4[0] == 203 && v4[1] == 0 && v4[2] == 113)
            || v4[0] >= 224); // multicast, reserved, broadcast
    }
}
