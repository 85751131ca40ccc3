using Kiln.Phases.Workflow;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Kiln.Phases.Certs;

/// <summary>The <c>certs/*</c> phases: one per kubeadm certificate, plus <c>certs/sa</c> (cmd/kubeadm/app/phases/certs/certlist.go).</summary>
public static class CertsPhases
{
    /// <summary>Certificate files: 0644. Keys: 0600 (cmd/kubeadm/app/util/pkiutil/pki_helpers.go).</summary>
    public const UnixFileMode CertMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Private keys and sa.pub.</summary>
    public const UnixFileMode KeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Every certs phase in kubeadm's order.</summary>
    public static IReadOnlyList<PhaseDefinition> All { get; } = [.. CertSpecs.All.Select(ForSpec), SaPhase.Definition];

    static PhaseDefinition ForSpec(CertSpec spec) => new(PhaseId.Parse($"certs/{spec.Name}"), $"Generate the {spec.LongName}",
        (c, ct) => spec.IsCa ? CaAsync(c, spec, ct) : LeafAsync(c, spec, ct))
    {
        SkipReason = spec.IsEtcd ? c => c.Config.Cluster?.Etcd.External is not null ? SkipReason.ByConfig("external etcd") : null : null,
    };

    static async Task CaAsync(PhaseContext c, CertSpec spec, CancellationToken ct)
    {
        var inputs = PkiInputs.For(c.Config);
        if (spec == CertSpecs.Ca)
        {
            PrimeKeys(c, inputs);
        }

        string crt = spec.CertPath(inputs), key = spec.KeyPath(inputs);
        if (c.Target.Exists(crt))
        {
            var cert = ReadCert(c, crt);
            var keys = c.Target.Exists(key) ? ReadKey(c, key) : null;
            Refuse(c, crt, CertCheck.Mismatches(cert, keys?.Public, null, SubjectAltNames.None, mustBeCa: true, c.Clock.GetUtcNow()));
            if (keys is null)
            {
                c.Note($"External CA mode: using the user-provided {crt} ({key} is absent, so leaves it signs must be provided too)");
            }

            c.Reused(crt);
            return;
        }

        // a CA key without its certificate is what a run stopped between the two writes leaves (the key goes first): the
        // certificate is made for that key, which is never replaced; kubeadm stops there instead, so a re-run could not
        // continue (writeCertificateAuthorityFilesIfNotExist in cmd/kubeadm/app/phases/certs/certs.go loads both or fails)
        var keyOnly = c.Target.Exists(key);
        var pair = keyOnly ? ReadKey(c, key) : await c.Keys.NextAsync(inputs.Algorithm);
        var ca = CertificateFactory.CreateCa(spec.CommonName(inputs), spec.Sans(inputs), pair, c.Clock.GetUtcNow(),
            (inputs.Cluster.CaCertificateValidityPeriod ?? Config.GoDuration.FromHours(87600)).Value);
        await WriteAsync(c, spec, inputs, ca, pair, keyOnly, ct);
    }

    static async Task WriteAsync(PhaseContext c, CertSpec spec, PkiInputs inputs, X509Certificate cert, AsymmetricCipherKeyPair pair, bool keyOnly, CancellationToken ct)
    {
        if (!keyOnly)
        {
            await WritePairAsync(c, spec, inputs, cert, pair, ct);
            return;
        }

        c.Note($"{spec.KeyPath(inputs)} has no certificate (an earlier run stopped after writing the key): made {spec.CertPath(inputs)} for that key");
        await c.WriteFileAsync(spec.CertPath(inputs), Pem.Encode(cert), CertMode, CertSummary.Describe(cert), ct);
    }

    static async Task LeafAsync(PhaseContext c, CertSpec spec, CancellationToken ct)
    {
        var inputs = PkiInputs.For(c.Config);
        var caSpec = spec.Ca!;
        string caCrt = caSpec.CertPath(inputs), caKey = caSpec.KeyPath(inputs), crt = spec.CertPath(inputs), key = spec.KeyPath(inputs);
        if (!c.Target.Exists(caCrt))
        {
            throw new PhaseException($"{caCrt} not found in the target ({c.Target.Describe(caCrt)})",
                $"run phase 'certs/{caSpec.Name}' first, or provide the CA (external CA mode)");
        }

        var ca = ReadCert(c, caCrt);
        var required = spec.Sans(inputs);
        if (c.Target.Exists(crt))
        {
            var cert = ReadCert(c, crt);
            var keys = c.Target.Exists(key) ? ReadKey(c, key) : throw new PhaseException($"{crt} exists but its key {key} does not",
                "provide the key, or remove the certificate so Kiln generates both");
            Refuse(c, crt, CertCheck.Mismatches(cert, keys.Public, ca, required, mustBeCa: false, c.Clock.GetUtcNow()));
            c.Reused(crt);
            return;
        }

        if (!c.Target.Exists(caKey))
        {
            throw new PhaseException($"external CA mode: {crt} must be provided, because {caKey} is absent and Kiln cannot sign it",
                $"sign a {spec.LongName} with your CA (see 'kiln certs generate-csr'), or provide {caKey}");
        }

        var signer = new CertAndKey(ca, ReadKey(c, caKey));
        // as for a CA: a key without its certificate (a run stopped between the two writes) gets its certificate, and is kept
        var keyOnly = c.Target.Exists(key);
        var pair = keyOnly ? ReadKey(c, key) : await c.Keys.NextAsync(inputs.Algorithm);
        var leaf = CertificateFactory.CreateSigned(signer, spec.CommonName(inputs), spec.Organizations, spec.Usage, required, pair.Public,
            c.Clock.GetUtcNow(), (inputs.Cluster.CertificateValidityPeriod ?? Config.GoDuration.FromHours(8760)).Value);
        await WriteAsync(c, spec, inputs, leaf, pair, keyOnly, ct);
    }

    // one key per missing file of the whole init (certs, sa, kubeconfigs), generated in parallel while the CA phase works
    static void PrimeKeys(PhaseContext c, PkiInputs inputs)
    {
        var missing = CertSpecs.All.Count(s => !c.Target.Exists(s.CertPath(inputs)))
            + (c.Target.Exists($"{inputs.CertificatesDir}/sa.key") ? 0 : 1)
            + KubeConfig.KubeConfigSpecs.All.Count(k => !c.Target.Exists(k.Path));
        c.Keys.Prefetch(inputs.Algorithm, missing);
    }

    static async Task WritePairAsync(PhaseContext c, CertSpec spec, PkiInputs inputs, X509Certificate cert, AsymmetricCipherKeyPair pair, CancellationToken ct)
    {
        // the key first: a certificate on disk without its key would block the next run
        await c.WriteFileAsync(spec.KeyPath(inputs), Pem.EncodePrivateKey(pair.Private), KeyMode, $"{inputs.Algorithm} private key", ct);
        await c.WriteFileAsync(spec.CertPath(inputs), Pem.Encode(cert), CertMode, CertSummary.Describe(cert), ct);
    }

    internal static X509Certificate ReadCert(PhaseContext c, string path)
    {
        try
        {
            return Pem.DecodeCertificate(c.Target.ReadAllBytes(path), c.Target.Describe(path));
        }
        catch (PemFormatException e)
        {
            throw new PhaseException(e.Message, "replace or remove the file; Kiln never overwrites an existing certificate", e);
        }
    }

    internal static AsymmetricCipherKeyPair ReadKey(PhaseContext c, string path)
    {
        try
        {
            return Pem.DecodePrivateKey(c.Target.ReadAllBytes(path), c.Target.Describe(path));
        }
        catch (PemFormatException e)
        {
            throw new PhaseException($"{e.Message}: the key cannot be read", "replace or remove the file; Kiln never overwrites an existing key", e);
        }
    }

    static void Refuse(PhaseContext c, string path, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new PhaseException($"{c.Target.Describe(path)} exists but does not fit the config: {string.Join("; ", problems)}",
                "Kiln leaves it untouched: fix the config, or remove the file (and its key) to have it generated again");
        }
    }
}
