using k8s;
using k8s.Models;
using Kiln.Phases.Certs;
using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Tokens;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Cluster;

/// <summary>
/// <c>upload-certs</c> (cmd/kubeadm/app/phases/copycerts/copycerts.go): the control-plane CAs and keys, AES-256-GCM sealed with the certificate key,
/// in Secret <c>kube-system/kubeadm-certs</c>, owned by a 2-hour token so the cluster deletes it when that expires.
/// </summary>
public static class UploadCertsPhase
{
    /// <summary>The Secret's name.</summary>
    public const string SecretName = "kubeadm-certs";

    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = LivePhase.Define("upload-certs",
        "Upload certificates to kubeadm-certs", Capabilities.ClusterApi, RunAsync) with
    {
        SkipReason = c => c.Live is { UploadCerts: true } ? null : SkipReason.NotRequested("upload-certs"),
    };

    /// <summary>The files uploaded, as (Secret key, node path), for a cluster config.</summary>
    public static IReadOnlyList<(string Key, string Path)> Files(ClusterConfiguration cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var pki = cluster.CertificatesDir ?? ConfigDefaults.CertificatesDir;
        var files = new List<(string, string)>();
        foreach (var name in (string[])["ca.crt", "ca.key", "front-proxy-ca.crt", "front-proxy-ca.key", "sa.key", "sa.pub"])
        {
            files.Add((name, $"{pki}/{name}"));
        }

        if (cluster.Etcd.External is { } external)
        {
            files.Add(("external-etcd-ca.crt", external.CaFile ?? ""));
            files.Add(("external-etcd.crt", external.CertFile ?? ""));
            files.Add(("external-etcd.key", external.KeyFile ?? ""));
        }
        else
        {
            files.Add(("etcd-ca.crt", $"{pki}/etcd/ca.crt"));
            files.Add(("etcd-ca.key", $"{pki}/etcd/ca.key"));
        }

        return files;
    }

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var key = c.Config.Init?.CertificateKey
            ?? throw new PhaseException("no certificate key", "pass --certificate-key (64 hex characters), or let `kiln init --upload-certs` generate one");
        var api = await LivePhase.ApiAsync(c, ct);

        // the short-lived token whose expiry garbage-collects the Secret
        var ttlToken = new BootstrapTokenSecret(BootstrapTokenString.Generate(), "Proxy for managing TTL for the kubeadm-certs secret",
            c.Clock.GetUtcNow() + TimeSpan.FromHours(2), [], []);
        var tokenSecret = await api.Client.CoreV1.CreateNamespacedSecretAsync(ttlToken.ToSecret(), "kube-system", fieldManager: ApiWriter.FieldManager, cancellationToken: ct);

        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, path) in Files(c.Config.Cluster ?? new()))
        {
            if (path.Length > 0 && c.Target.Exists(path))
            {
                data[name] = CertificateKeyCipher.Seal(key, c.Target.ReadAllBytes(path));
            }
        }

        await api.ApplyAsync(new V1Secret
        {
            ApiVersion = "v1", Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                Name = SecretName, NamespaceProperty = "kube-system",
                OwnerReferences = [new V1OwnerReference
                {
                    ApiVersion = "v1", Kind = "Secret", Name = tokenSecret.Metadata.Name, Uid = tokenSecret.Metadata.Uid, Controller = true,
                }],
            },
            Type = "Opaque",
            Data = data,
        }, ct);
        await Rbac.GrantGetAsync(api, "kube-system", "kubeadm:kubeadm-certs", "secrets", SecretName, [Rbac.GroupSubject(ConfigDefaults.NodeTokenGroup)], ct);
        c.Note($"uploaded {data.Count} files, sealed with the certificate key; the Secret expires with token {ttlToken.Token.Id} in 2h");
    }
}
