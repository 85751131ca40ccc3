using System.Text;
using Kiln.Phases.Config;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Targets;

namespace Kiln.Phases.Certs;

/// <summary>
/// <c>certs generate-csr</c>: a key and a CSR for every non-CA leaf, and for every kubeconfig a file holding only
/// its client key plus a sibling .csr, so an external CA can sign them. Refuses to overwrite anything.
/// </summary>
public static class CsrGenerator
{
    /// <summary>Every file that would be written, checked for existence first; returns the paths written or the ones in the way.</summary>
    public static async Task<(IReadOnlyList<string> Written, IReadOnlyList<string> InTheWay)> GenerateAsync(ITargetRoot root, KubeadmConfig config,
        string kubeconfigDir, KeyPool keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(keys);
        var inputs = PkiInputs.For(config);
        var clusterName = inputs.Cluster.ClusterName ?? "kubernetes";
        var leaves = CertSpecs.All.Where(s => !s.IsCa && !(s.IsEtcd && inputs.Cluster.Etcd.External is not null)).ToList();
        var plan = leaves.SelectMany(s => new[] { s.KeyPath(inputs), Csr(s.CertPath(inputs)) })
            .Concat(KubeConfigSpecs.All.SelectMany(k => new[] { $"{kubeconfigDir}/{k.FileName}", $"{kubeconfigDir}/{k.FileName}.csr" }))
            .ToList();
        var inTheWay = plan.Where(root.Exists).ToList();
        if (inTheWay.Count > 0)
        {
            return ([], inTheWay);
        }

        keys.Prefetch(inputs.Algorithm, leaves.Count + KubeConfigSpecs.All.Count);
        var written = new List<string>();
        foreach (var spec in leaves)
        {
            var pair = await keys.NextAsync(inputs.Algorithm);
            var csr = CsrFactory.Create(spec.CommonName(inputs), spec.Organizations, spec.Sans(inputs), pair);
            await Write(root, spec.KeyPath(inputs), Pem.EncodePrivateKey(pair.Private), written, cancellationToken);
            await Write(root, Csr(spec.CertPath(inputs)), Pem.Encode(csr), written, cancellationToken);
        }

        foreach (var spec in KubeConfigSpecs.All)
        {
            var pair = await keys.NextAsync(inputs.Algorithm);
            var user = spec.User(inputs.NodeName);
            var path = $"{kubeconfigDir}/{spec.FileName}";
            // as kubeadm's createKubeConfigAndCSR (cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go) writes it: the cluster with
            // its server and no CA data, the user@cluster context as current, and only the client key; the CA and the
            // signed certificate are filled in once the external CA has signed the CSR
            var document = KubeConfigBuilder.Create(clusterName, spec.Server(config), [], user,
                new UserEntry { ClientKeyData = Convert.ToBase64String(Pem.EncodePrivateKey(pair.Private)) });
            await Write(root, path, Encoding.UTF8.GetBytes(KubeConfigBuilder.Write(document)), written, cancellationToken);
            await Write(root, $"{path}.csr", Pem.Encode(CsrFactory.Create(user, spec.Organizations, SubjectAltNames.None, pair)), written, cancellationToken);
        }

        return (written, []);
    }

    static string Csr(string certPath) => certPath[..^".crt".Length] + ".csr";

    static async Task Write(ITargetRoot root, string path, byte[] content, List<string> written, CancellationToken ct)
    {
        await root.WriteFileAsync(path, content, CertsPhases.KeyMode, ct);
        written.Add(path);
    }
}
