using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Kiln.Phases.Config;

namespace Kiln.Cli;

/// <summary>Reads the host facts kubeadm uses as dynamic defaults: the hostname and the default-route address.</summary>
public static class HostDetection
{
    public static HostFacts Detect() => new(Environment.MachineName, DefaultRouteAddress())
    {
        ProxyEnvironment = [.. Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key.ToString()!.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase))
            .Select(e => KeyValuePair.Create(e.Key.ToString()!, e.Value?.ToString() ?? ""))
            .OrderBy(e => e.Key, StringComparer.Ordinal)],
        SystemdResolved = File.Exists(Kiln.Phases.Kubelet.KubeletFiles.ResolvedResolvConf),
    };

    /// <summary>The first IPv4 address of the interface that holds the IPv4 default route, as kubeadm chooses it.</summary>
    static string? DefaultRouteAddress()
    {
        string? device = null;
        try
        {
            // /proc/net/route: Iface Destination Gateway ...; the default route has destination 00000000
            foreach (var line in File.ReadLines("/proc/net/route").Skip(1))
            {
                var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (fields.Length > 2 && string.Equals(fields[1], "00000000", StringComparison.Ordinal) && long.Parse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != 0)
                {
                    device = fields[0];
                    break;
                }
            }
        }
        catch (IOException)
        {
            return null;
        }

        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => string.Equals(n.Name, device, StringComparison.Ordinal));
        return nic?.GetIPProperties().UnicastAddresses
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString();
    }
}
