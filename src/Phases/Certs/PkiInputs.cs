using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Net;

namespace Kiln.Phases.Certs;

/// <summary>What the certificate specs read from the config: the cluster, the node name and the advertise address.</summary>
/// <param name="Cluster">The defaulted cluster config.</param>
/// <param name="NodeName">This node's name.</param>
/// <param name="AdvertiseAddress">This node's API server address.</param>
public sealed record PkiInputs(ClusterConfiguration Cluster, string NodeName, string AdvertiseAddress)
{
    /// <summary>The inputs of an init config.</summary>
    public static PkiInputs For(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var init = config.Init ?? throw new InvalidOperationException("certificates need an InitConfiguration");
        return new PkiInputs(config.Cluster ?? ConfigDefaults.Cluster(new ClusterConfiguration()),
            init.NodeRegistration.Name ?? throw new InvalidOperationException("the node name must be set"),
            init.LocalApiEndpoint.AdvertiseAddress ?? throw new InvalidOperationException("the advertise address must be set"));
    }

    /// <summary>Where certificates live.</summary>
    public string CertificatesDir => Cluster.CertificatesDir ?? ConfigDefaults.CertificatesDir;

    /// <summary>The key algorithm.</summary>
    public KeyAlgorithm Algorithm => KeyAlgorithm.Parse(Cluster.EncryptionAlgorithm);

    /// <summary>The first IP of the first service CIDR: the <c>kubernetes</c> Service's address.</summary>
    public string ApiServiceIp
    {
        get
        {
            var first = (Cluster.Networking.ServiceSubnet ?? "10.96.0.0/12").Split(',')[0].Trim();
            return NetParse.TryParseCidr(first, out var cidr, out _) ? cidr.Nth(1).ToString() : throw new InvalidOperationException($"bad service CIDR {first}");
        }
    }
}
