using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Kiln.Tui.Models;

/// <summary>What the wizard offers from the host: its interface addresses and the CRI sockets found on it.</summary>
/// <param name="Addresses">IP addresses of the host's interfaces, loopback excluded.</param>
/// <param name="CriSockets">CRI socket URLs whose socket file exists.</param>
public sealed record HostChoices(IReadOnlyList<string> Addresses, IReadOnlyList<string> CriSockets)
{
    static readonly string[] s_knownSockets =
    [
        "/var/run/containerd/containerd.sock",
        "/var/run/crio/crio.sock",
        "/var/run/cri-dockerd.sock",
    ];

    /// <summary>Reads this host's interfaces and looks for the well-known CRI sockets.</summary>
    public static HostChoices Detect()
    {
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal))
            .Select(a => a.ToString())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var sockets = s_knownSockets.Where(File.Exists).Select(s => "unix://" + s).ToList();
        return new HostChoices(addresses, sockets);
    }
}
