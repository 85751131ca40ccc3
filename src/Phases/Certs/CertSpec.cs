namespace Kiln.Phases.Certs;

/// <summary>One certificate kubeadm makes (cmd/kubeadm/app/phases/certs/certlist.go–1.2): its names, its signer and how its SANs are derived.</summary>
/// <param name="Name">Phase-style name (<c>etcd-server</c>), used as <c>certs/&lt;name&gt;</c>.</param>
/// <param name="LongName">What it is, for summaries and errors.</param>
/// <param name="BaseName">File name without extension under certificatesDir (<c>etcd/server</c>).</param>
/// <param name="Ca">The CA that signs it; null for a CA.</param>
/// <param name="CommonName">Subject CN for given inputs.</param>
/// <param name="Organizations">Subject O values.</param>
/// <param name="Usage">Extended key usages (leaves).</param>
/// <param name="Sans">Subject alternative names for given inputs.</param>
public sealed record CertSpec(
    string Name,
    string LongName,
    string BaseName,
    CertSpec? Ca,
    Func<PkiInputs, string> CommonName,
    IReadOnlyList<string> Organizations,
    CertUsage Usage,
    Func<PkiInputs, SubjectAltNames> Sans)
{
    /// <summary>Whether this is a CA.</summary>
    public bool IsCa => Ca is null;

    /// <summary>Whether it belongs to the etcd PKI (skipped with external etcd).</summary>
    public bool IsEtcd => Name.StartsWith("etcd", StringComparison.Ordinal) || string.Equals(Name, "apiserver-etcd-client", StringComparison.Ordinal);

    /// <summary>The certificate's node path.</summary>
    public string CertPath(PkiInputs inputs) => $"{inputs.CertificatesDir}/{BaseName}.crt";

    /// <summary>The key's node path.</summary>
    public string KeyPath(PkiInputs inputs) => $"{inputs.CertificatesDir}/{BaseName}.key";
}
