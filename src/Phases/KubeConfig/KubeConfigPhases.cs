using System.Text;
using Kiln.Phases.Certs;
using Kiln.Phases.Config;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.KubeConfig;

/// <summary>The <c>kubeconfig/*</c> phases (cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go): client certificates signed by the cluster CA, embedded, mode 0600.</summary>
public static class KubeConfigPhases
{
    /// <summary>kubeconfig files are secrets.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Every kubeconfig phase in kubeadm's order.</summary>
    public static IReadOnlyList<PhaseDefinition> All { get; } = [.. KubeConfigSpecs.All.Select(s =>
        new PhaseDefinition(PhaseId.Parse($"kubeconfig/{s.Name}"), s.Summary, (c, ct) => RunAsync(c, s, ct)))];

    static async Task RunAsync(PhaseContext c, KubeConfigSpec spec, CancellationToken ct)
    {
        var inputs = PkiInputs.For(c.Config);
        string caCrt = CertSpecs.Ca.CertPath(inputs), caKey = CertSpecs.Ca.KeyPath(inputs);
        if (!c.Target.Exists(caCrt))
        {
            throw new PhaseException($"{caCrt} not found in the target ({c.Target.Describe(caCrt)})", "run phase 'certs/ca' first, or provide the cluster CA");
        }

        var caPem = c.Target.ReadAllBytes(caCrt);
        var server = spec.Server(c.Config);
        if (c.Target.Exists(spec.Path))
        {
            CheckExisting(c, spec, caPem, server);
            c.Reused(spec.Path);
            return;
        }

        if (!c.Target.Exists(caKey))
        {
            throw new PhaseException($"external CA mode: {spec.Path} must be provided, because {caKey} is absent and Kiln cannot sign its client certificate",
                "create it with your CA (see 'kiln certs generate-csr'), or provide the CA key");
        }

        var ca = new CertAndKey(CertsPhases.ReadCert(c, caCrt), CertsPhases.ReadKey(c, caKey));
        var user = spec.User(inputs.NodeName);
        var pair = await c.Keys.NextAsync(inputs.Algorithm);
        var cert = CertificateFactory.CreateSigned(ca, user, spec.Organizations, CertUsage.Client, SubjectAltNames.None, pair.Public,
            c.Clock.GetUtcNow(), (inputs.Cluster.CertificateValidityPeriod ?? GoDuration.FromHours(8760)).Value);
        var document = KubeConfigBuilder.Create(inputs.Cluster.ClusterName ?? "kubernetes", server, caPem, user,
            KubeConfigBuilder.EmbeddedClient(Pem.Encode(cert), Pem.EncodePrivateKey(pair.Private)));
        var groups = spec.Organizations.Count > 0 ? $" in {string.Join(", ", spec.Organizations)}" : "";
        await c.WriteFileAsync(spec.Path, Encoding.UTF8.GetBytes(KubeConfigBuilder.Write(document)), Mode,
            $"user {user}{groups}, server {server}, client certificate valid to {cert.NotAfter:yyyy-MM-ddTHH:mm:ssZ}", ct);
    }

    static void CheckExisting(PhaseContext c, KubeConfigSpec spec, byte[] caPem, string server)
    {
        var (document, problem) = KubeConfigReader.Read(spec.Path, c.Target.ReadAllBytes(spec.Path));
        var current = document is null ? null : KubeConfigReader.Current(document);
        if (current is null)
        {
            throw new PhaseException($"{c.Target.Describe(spec.Path)} exists but cannot be used: {problem ?? "its current context names no cluster or user"}",
                "Kiln leaves it untouched: fix or remove it to have it generated again");
        }

        // the CA data is checked, as kubeadm does (validateKubeConfig), not how the user authenticates
        if (current.Value.Cluster.CertificateAuthorityData is not { Length: > 0 })
        {
            throw new PhaseException($"{c.Target.Describe(spec.Path)} exists but holds no CA data (as 'kiln certs generate-csr' leaves it)",
                $"embed {CertSpecs.Ca.BaseName}.crt as certificate-authority-data and the certificate your CA signed for {spec.FileName}.csr as client-certificate-data");
        }

        if (!string.Equals(current.Value.Cluster.CertificateAuthorityData, Convert.ToBase64String(caPem), StringComparison.Ordinal))
        {
            throw new PhaseException($"{c.Target.Describe(spec.Path)} exists but trusts a different CA than {CertSpecs.Ca.BaseName}.crt",
                "Kiln leaves it untouched: remove it to have it generated for this cluster's CA");
        }

        if (!string.Equals(current.Value.Cluster.Server, server, StringComparison.Ordinal))
        {
            // kubeadm only warns here: the file may point at a load balancer on purpose
            c.Note($"warning: {spec.Path} points at {current.Value.Cluster.Server}, not {server}; keeping it");
        }
    }
}
