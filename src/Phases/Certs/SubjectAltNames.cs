using System.Net;
using Kiln.Phases.Net;

namespace Kiln.Phases.Certs;

/// <summary>DNS names and IP addresses for a certificate, de-duplicated, in kubeadm's order.</summary>
/// <param name="Dns">DNS names (wildcards allowed).</param>
/// <param name="Ips">IP addresses.</param>
public sealed record SubjectAltNames(IReadOnlyList<string> Dns, IReadOnlyList<IPAddress> Ips)
{
    /// <summary>No SANs.</summary>
    public static SubjectAltNames None { get; } = new([], []);

    /// <summary>Sorts free-form entries (certSANs) into IPs and DNS names and appends them, dropping duplicates.</summary>
    public SubjectAltNames With(IEnumerable<string> entries)
    {
        var dns = Dns.ToList();
        var ips = Ips.ToList();
        foreach (var entry in entries)
        {
            if (NetParse.TryParseIp(entry, out var ip))
            {
                if (!ips.Contains(ip))
                {
                    ips.Add(ip);
                }
            }
            else if (!dns.Contains(entry, StringComparer.Ordinal))
            {
                dns.Add(entry);
            }
        }

        return new SubjectAltNames(dns, ips);
    }

    /// <summary><c>DNS:a, IP:1.2.3.4</c>, as openssl prints SANs.</summary>
    public override string ToString() => string.Join(", ", Dns.Select(d => $"DNS:{d}").Concat(Ips.Select(i => $"IP:{i}")));
}
