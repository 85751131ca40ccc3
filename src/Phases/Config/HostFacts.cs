namespace Kiln.Phases.Config;

/// <summary>Facts about this host that kubeadm uses as dynamic defaults.</summary>
/// <param name="Hostname">The host name; lowercased for the node name.</param>
/// <param name="DefaultAddress">The address of the default-route interface, for the advertise address; null if none.</param>
public sealed record HostFacts(string Hostname, string? DefaultAddress = null)
{
    /// <summary>The process's <c>*_proxy</c> variables, in order; kubeadm copies them into the control-plane pods.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ProxyEnvironment { get; init; } = [];

    /// <summary>systemd-resolved runs here (its <c>/run/systemd/resolve/resolv.conf</c> exists): the kubelet gets that file as <c>resolvConf</c>.</summary>
    public bool SystemdResolved { get; init; }
}
