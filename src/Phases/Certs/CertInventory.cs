using Kiln.Phases.KubeConfig;
using Kiln.Phases.Targets;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Certs;

/// <summary>The certificates of a control-plane node in kubeadm's check-expiration order (cmd/kubeadm/app/cmd/certs.go).</summary>
public static class CertInventory
{
    /// <summary>Leaves and kubeconfigs, sorted by name; etcd rows only with local etcd; kubelet.conf never (the kubelet rotates it).</summary>
    public static IReadOnlyList<CertEntry> Leaves(PkiInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var external = inputs.Cluster.Etcd.External is not null;
        var leaves = CertSpecs.All.Where(s => !s.IsCa && !(external && s.IsEtcd))
            .Select(s => new CertEntry(s.Name, s.CertPath(inputs), s.Ca!, s, null));
        var configs = KubeConfigSpecs.All.Where(k => !string.Equals(k.Name, "kubelet", StringComparison.Ordinal))
            .Select(k => new CertEntry(k.FileName, k.Path, CertSpecs.Ca, null, k));
        return leaves.Concat(configs).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The CAs: ca, etcd-ca (local etcd only), front-proxy-ca.</summary>
    public static IReadOnlyList<CertSpec> Authorities(PkiInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new[] { CertSpecs.Ca, CertSpecs.EtcdCa, CertSpecs.FrontProxyCa }
            .Where(s => !(inputs.Cluster.Etcd.External is not null && s.IsEtcd)).ToList();
    }

    /// <summary>The certificate of an entry, or null when the file is missing.</summary>
    public static X509Certificate? Read(ITargetRoot root, CertEntry entry)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(entry);
        if (!root.Exists(entry.Path))
        {
            return null;
        }

        var bytes = root.ReadAllBytes(entry.Path);
        if (entry.KubeConfig is null)
        {
            return Pem.DecodeCertificate(bytes, root.Describe(entry.Path));
        }

        var (document, problem) = KubeConfigReader.Read(entry.Path, bytes);
        var data = document is null ? null : KubeConfigReader.Current(document)?.User.ClientCertificateData;
        return data is null
            ? throw new PemFormatException($"{root.Describe(entry.Path)} holds no embedded client certificate{(problem is null ? "" : $": {problem}")}")
            : Pem.DecodeCertificate(Convert.FromBase64String(data), root.Describe(entry.Path));
    }
}
