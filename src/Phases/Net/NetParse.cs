using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Kiln.Phases.Net;

/// <summary>Strict parsers for addresses, CIDRs and DNS names, matching what kubeadm accepts.</summary>
public static partial class NetParse
{
    /// <summary>Parses an IPv4 dotted quad or an IPv6 address, rejecting the shorthand forms .NET would accept.</summary>
    public static bool TryParseIp(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Contains('%', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)
            || int.Parse(p, CultureInfo.InvariantCulture) > 255 || (p.Length > 1 && p[0] == '0')))
        {
            return false;
        }

        address = IPAddress.Parse(text);
        return true;
    }

    /// <summary>Parses <c>address/prefix</c>; on failure says why.</summary>
    public static bool TryParseCidr(string? text, out Cidr cidr, out string why)
    {
        cidr = new Cidr(IPAddress.None, 0);
        why = "";
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0)
        {
            why = "a CIDR is an address, a slash and a prefix length, e.g. 10.96.0.0/12";
            return false;
        }

        if (!TryParseIp(text[..slash], out var ip))
        {
            why = $"'{text[..slash]}' is not an IP address";
            return false;
        }

        var bits = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > bits)
        {
            why = $"prefix length must be between 0 and {bits}";
            return false;
        }

        cidr = new Cidr(ip, prefix);
        return true;
    }

    /// <summary>A DNS-1123 subdomain: lowercase labels of letters, digits and '-', joined by '.', at most 253 characters.</summary>
    public static bool IsDns1123Subdomain(string? text) => text is { Length: > 0 and <= 253 } && Dns1123().IsMatch(text);

    /// <summary>A wildcard DNS name such as <c>*.example.com</c>.</summary>
    public static bool IsWildcardDns(string? text) => text is { Length: > 2 } && text.StartsWith("*.", StringComparison.Ordinal)
        && IsDns1123Subdomain(text[2..]);

    /// <summary>Splits <c>host:port</c> or <c>[v6]:port</c> or a bare host; port is null when absent.</summary>
    public static bool TrySplitHostPort(string text, out string host, out string? port)
    {
        host = text;
        port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length == 0)
            {
                return true;
            }

            if (!rest.StartsWith(':'))
            {
                return false;
            }

            port = rest[1..];
            return true;
        }

        var colons = text.Count(c => c == ':');
        if (colons == 1)
        {
            var i = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..i];
            port = text[(i + 1)..];
        }

        // a bare IPv6 address (several colons) is a host without port
        return true;
    }

    /// <summary>A TCP port 1–65535.</summary>
    public static bool IsPort(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535;

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Dns1123();
}
