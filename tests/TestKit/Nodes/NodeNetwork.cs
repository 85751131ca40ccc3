using System.Security.Cryptography;

namespace Kiln.TestKit.Nodes;

/// <summary>
/// A private bridge for test nodes: its own name per run (runs side by side never share one), no host address (IPv4
/// or IPv6) and nothing routed to it, so a node reaches only the other nodes on it. Addresses are 10.250.0.11, .12, ... in
/// 10.250.0.0/24 on every bridge; the gateway 10.250.0.1 the nodes are given does not exist.
/// </summary>
public sealed class NodeNetwork : IDisposable
{
    public const string Gateway = "10.250.0.1";
    public const int PrefixLength = 24;

    NodeNetwork(string bridge) => Bridge = bridge;

    /// <summary>The host bridge (at most 15 characters, as Linux allows).</summary>
    public string Bridge { get; }

    /// <summary>A short random tag for the names made on this network (bridge, machines, veths).</summary>
    public string Tag { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))[..5];

    public static string Address(int index) => $"10.250.0.{10 + index}";

    public static NodeNetwork Create()
    {
        var network = new NodeNetwork("kt" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Ip("link", "add", network.Bridge, "type", "bridge");
        try
        {
            // no IPv6 either: the kernel would give the bridge a link-local address the nodes could reach the host by
            File.WriteAllText($"/proc/sys/net/ipv6/conf/{network.Bridge}/disable_ipv6", "1");
            Ip("link", "set", network.Bridge, "up");
            // the bridge must stay address-less: a host address would make the host reachable from the nodes
            var addresses = Tool.Run("ip", "-o", "addr", "show", "dev", network.Bridge);
            if (addresses.Out.Contains(" inet", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"bridge {network.Bridge} has a host address:\n{addresses.Out}");
            }
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return network;
    }

    static void Ip(params string[] args)
    {
        var r = Tool.Run("ip", args);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed: {r.All}");
        }
    }

    public void Dispose() => Tool.Run("ip", "link", "del", Bridge);
}
