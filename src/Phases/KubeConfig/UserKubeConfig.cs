using Kiln.Phases.Certs;
using Kiln.Phases.Config;
using Kiln.Phases.Targets;

namespace Kiln.Phases.KubeConfig;

/// <summary><c>kubeconfig user</c>: a kubeconfig for any client name and groups, signed by the cluster CA on disk.</summary>
public static class UserKubeConfig
{
    /// <summary>The kubeconfig text; throws <see cref="Workflow.PhaseException"/> when the CA cannot sign.</summary>
    public static async Task<string> CreateAsync(ITargetRoot root, KubeadmConfig config, string clientName, IReadOnlyList<string> organizations,
        TimeSpan? validity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(config);
        var inputs = PkiInputs.For(config);
        string crt = CertSpecs.Ca.CertPath(inputs), key = CertSpecs.Ca.KeyPath(inputs);
        if (!root.Exists(crt) || !root.Exists(key))
        {
            throw new Workflow.PhaseException($"the cluster CA ({crt} and {key}) is needed to sign a client certificate",
                "run this on a control-plane node, or pass --rootfs / --cert-dir");
        }

        var caPem = root.ReadAllBytes(crt);
        var ca = new CertAndKey(Pem.DecodeCertificate(caPem, crt), Pem.DecodePrivateKey(root.ReadAllBytes(key), key));
        var pair = await new KeyPool().NextAsync(inputs.Algorithm);
        var cert = CertificateFactory.CreateSigned(ca, clientName, organizations, CertUsage.Client, SubjectAltNames.None, pair.Public, now,
            validity ?? (inputs.Cluster.CertificateValidityPeriod ?? GoDuration.FromHours(8760)).Value);
        var server = ApiEndpoints.ControlPlane(config.Init!, inputs.Cluster);
        return KubeConfigBuilder.Write(KubeConfigBuilder.Create(inputs.Cluster.ClusterName ?? "kubernetes", server, caPem, clientName,
            KubeConfigBuilder.EmbeddedClient(Pem.Encode(cert), Pem.EncodePrivateKey(pair.Private))));
    }
}
