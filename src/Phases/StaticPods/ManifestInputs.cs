using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Versions;

namespace Kiln.Phases.StaticPods;

/// <summary>What the manifests read from an init config, resolved once.</summary>
/// <param name="Init">The InitConfiguration.</param>
/// <param name="Cluster">The ClusterConfiguration.</param>
public sealed record ManifestInputs(InitConfiguration Init, ClusterConfiguration Cluster)
{
    /// <summary>From a defaulted, validated config.</summary>
    public static ManifestInputs For(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(config.Init ?? throw new InvalidOperationException("manifests need an InitConfiguration"),
            config.Cluster ?? ConfigDefaults.Cluster(new ClusterConfiguration()));
    }

    /// <summary>The Kubernetes version.</summary>
    public KubernetesVersion Version => KubernetesVersion.Parse(Cluster.KubernetesVersion ?? VersionTable.Default.ToString());

    /// <summary>The minor's traits.</summary>
    public MinorTraits Traits => VersionTable.TraitsFor(Version);

    /// <summary>certificatesDir.</summary>
    public string Pki => Cluster.CertificatesDir ?? ConfigDefaults.CertificatesDir;

    /// <summary>The advertise address.</summary>
    public string Advertise => Init.LocalApiEndpoint.AdvertiseAddress ?? throw new InvalidOperationException("the advertise address must be set");

    /// <summary>The advertise address as a URL host (IPv6 bracketed).</summary>
    public string AdvertiseHost => Advertise.Contains(':', StringComparison.Ordinal) ? $"[{Advertise}]" : Advertise;

    /// <summary>The API server port.</summary>
    public int Port => Init.LocalApiEndpoint.BindPort == 0 ? ConfigDefaults.BindPort : Init.LocalApiEndpoint.BindPort;

    /// <summary>The node name.</summary>
    public string NodeName => Init.NodeRegistration.Name ?? throw new InvalidOperationException("the node name must be set");

    /// <summary>Image pull policy.</summary>
    public string PullPolicy => Init.NodeRegistration.ImagePullPolicy ?? "IfNotPresent";

    /// <summary>Startup probe failure threshold: ceil(controlPlaneComponentHealthCheck / 10s).</summary>
    public int StartupFailures =>
        (int)Math.Ceiling((Init.Timeouts?.ControlPlaneComponentHealthCheck ?? GoDuration.FromMinutes(4)).Value.TotalSeconds / 10);

    /// <summary>Proxy variables for the control-plane pods (not etcd), before extraEnvs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ProxyEnvironment { get; init; } = [];

    /// <summary>The env of a control-plane component: the proxy variables, then extraEnvs, a name in extraEnvs winning.</summary>
    public IReadOnlyList<EnvVar> ComponentEnv(IReadOnlyList<EnvVar>? extra)
    {
        var user = extra ?? [];
        return [.. ProxyEnvironment.Where(p => user.All(e => !string.Equals(e.Name, p.Key, StringComparison.Ordinal))).Select(p => new EnvVar { Name = p.Key, Value = p.Value }), .. user];
    }

    /// <summary>Whether the CA key is absent (external CA mode) in the target.</summary>
    public bool ExternalCa { get; init; }
}
