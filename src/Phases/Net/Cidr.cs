using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Kiln.Phases.Net;

/// <summary>A CIDR as Go's <c>net.ParseCIDR</c> reads it (host bits may be set).</summary>
/// <param name="Address">The address as written.</param>
/// <param name="PrefixLength">The prefix length.</param>
public sealed record Cidr(IPAddress Address, int PrefixLength)
{
    /// <summary>Address bits: 32 or 128.</summary>
    public int Bits => Address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    /// <summary>Whether this is an IPv6 range.</summary>
    public bool IsIPv6 => Address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Bits left for hosts.</summary>
    public int HostBits => Bits - PrefixLength;

    /// <summary>The network address plus an offset (1 gives the API service IP, 10 the DNS service IP).</summary>
    public IPAddress Nth(int n)
    {
        var bytes = Address.GetAddressBytes();
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var mask = ((BigInteger.One << Bits) - 1) ^ ((BigInteger.One << HostBits) - 1);
        var result = (value & mask) + n;
        var raw = result.ToByteArray(isUnsigned: true, isBigEndian: true);
        var full = new byte[bytes.Length];
        raw.AsSpan(Math.Max(0, raw.Length - full.Length)).CopyTo(full.AsSpan(Math.Max(0, full.Length - raw.Length)));
        return new IPAddress(full);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{PrefixLength}";
}
