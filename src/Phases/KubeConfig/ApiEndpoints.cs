using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Net;

namespace Kiln.Phases.KubeConfig;

/// <summary>The API server URLs kubeadm writes into kubeconfigs (cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go).</summary>
public static class ApiEndpoints
{
    /// <summary><c>https://&lt;advertise&gt;:&lt;bindPort&gt;</c>, IPv6 bracketed.</summary>
    public static string Local(InitConfiguration init)
    {
        ArgumentNullException.ThrowIfNull(init);
        var address = init.LocalApiEndpoint.AdvertiseAddress
            ?? throw new InvalidOperationException("the advertise address must be set before kubeconfigs are written");
        return Url(address, init.LocalApiEndpoint.BindPort == 0 ? ConfigDefaults.BindPort : init.LocalApiEndpoint.BindPort);
    }

    /// <summary>The controlPlaneEndpoint (bindPort appended when it has no port), else the local endpoint.</summary>
    public static string ControlPlane(InitConfiguration init, ClusterConfiguration cluster)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.ControlPlaneEndpoint is not { Length: > 0 } cpe)
        {
            return Local(init);
        }

        NetParse.TrySplitHostPort(cpe, out var host, out var port);
        var bindPort = init.LocalApiEndpoint.BindPort == 0 ? ConfigDefaults.BindPort : init.LocalApiEndpoint.BindPort;
        return Url(host, port is null ? bindPort : int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    }

    static string Url(string host, int port) => host.Contains(':', StringComparison.Ordinal) ? $"https://[{host}]:{port}" : $"https://{host}:{port}";
}
