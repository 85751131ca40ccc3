using System.Text;
using Kiln.Phases.Config;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Targets;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Certs;

/// <summary>
/// <c>certs renew</c> (cmd/kubeadm/app/phases/certs/renewal/manager.go): a new key, the same CN, O, SANs and usages, signed by the CA on disk,
/// valid for certificateValidityPeriod from now. CAs are never renewed.
/// </summary>
public static class CertRenewal
{
    /// <summary>Renews one certificate; returns a message for the user, or null when it was renewed.</summary>
    public static async Task<string?> RenewAsync(ITargetRoot root, PkiInputs inputs, CertEntry entry, KeyPool keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(keys);
        string caCrt = entry.Ca.CertPath(inputs), caKey = entry.Ca.KeyPath(inputs);
        if (!root.Exists(caKey))
        {
            return $"{entry.Name}: cannot be renewed: {caKey} is absent (external CA); renew it with your CA";
        }

        var old = CertInventory.Read(root, entry);
        if (old is null)
        {
            return $"{entry.Name}: cannot be renewed: {entry.Path} does not exist; run 'kiln init phase' to create it";
        }

        var ca = new CertAndKey(Pem.DecodeCertificate(root.ReadAllBytes(caCrt), caCrt), Pem.DecodePrivateKey(root.ReadAllBytes(caKey), caKey));
        var pair = await keys.NextAsync(inputs.Algorithm);
        var validity = (inputs.Cluster.CertificateValidityPeriod ?? GoDuration.FromHours(8760)).Value;
        var renewed = CertificateFactory.CreateSigned(ca, CommonName(old), Organizations(old), Usage(old), CertCheck.Sans(old), pair.Public, now, validity);
        if (entry.KubeConfig is null)
        {
            await root.WriteFileAsync(entry.Spec!.KeyPath(inputs), Pem.EncodePrivateKey(pair.Private), CertsPhases.KeyMode, cancellationToken);
            await root.WriteFileAsync(entry.Path, Pem.Encode(renewed), CertsPhases.CertMode, cancellationToken);
            return null;
        }

        var (document, _) = KubeConfigReader.Read(entry.Path, root.ReadAllBytes(entry.Path));
        var context = document!.Contexts.First(c => string.Equals(c.Name, document.CurrentContext, StringComparison.Ordinal)).Context;
        var credentials = KubeConfigBuilder.EmbeddedClient(Pem.Encode(renewed), Pem.EncodePrivateKey(pair.Private));
        var updated = document with
        {
            Users = [.. document.Users.Select(u => string.Equals(u.Name, context.User, StringComparison.Ordinal) ? u with { User = credentials } : u)],
        };
        await root.WriteFileAsync(entry.Path, Encoding.UTF8.GetBytes(KubeConfigBuilder.Write(updated)), KubeConfigPhases.Mode, cancellationToken);
        return null;
    }

    /// <summary>
    /// Renews a CA with its own key: the same subject, SANs and key, so every certificate it signed still verifies and the
    /// CA pin (<c>sha256:</c> of its public key) stays; valid for <paramref name="validity"/> from now. Returns a message
    /// for the user, or null when it was renewed. kubeadm never renews CAs; an image state's CA may be older than its
    /// cluster's last image, so <c>kiln image state renew</c> offers it behind an explicit flag.
    /// </summary>
    public static async Task<string?> RenewAuthorityAsync(ITargetRoot root, PkiInputs inputs, CertSpec authority, DateTimeOffset now, TimeSpan validity,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(authority);
        string crt = authority.CertPath(inputs), key = authority.KeyPath(inputs);
        if (!root.Exists(crt) || !root.Exists(key))
        {
            return $"{authority.Name}: cannot be renewed: {(root.Exists(crt) ? key : crt)} is absent";
        }

        var old = Pem.DecodeCertificate(root.ReadAllBytes(crt), crt);
        var pair = Pem.DecodePrivateKey(root.ReadAllBytes(key), key);
        var renewed = CertificateFactory.CreateCa(CommonName(old), CertCheck.Sans(old), pair, now, validity);
        await root.WriteFileAsync(crt, Pem.Encode(renewed), CertsPhases.CertMode, cancellationToken);
        return null;
    }

    static string CommonName(X509Certificate cert) =>
        cert.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.CN).Cast<string>().Single();

    static List<string> Organizations(X509Certificate cert) =>
        cert.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.O).Cast<string>().ToList();

    static CertUsage Usage(X509Certificate cert)
    {
        var eku = cert.GetExtendedKeyUsage()?.Select(o => o.Id).ToList() ?? [];
        return (eku.Contains("1.3.6.1.5.5.7.3.1") ? CertUsage.Server : CertUsage.None) | (eku.Contains("1.3.6.1.5.5.7.3.2") ? CertUsage.Client : CertUsage.None);
    }
}
