using Kiln.Phases.Workflow;

namespace Kiln.Phases.Certs;

/// <summary><c>certs/sa</c>: the service-account signing key pair (cmd/kubeadm/app/phases/certs/certs.go).</summary>
public static class SaPhase
{
    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = new(PhaseId.Parse("certs/sa"),
        "Generate a private key for signing service account tokens along with its public key", RunAsync);

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var inputs = PkiInputs.For(c.Config);
        string key = $"{inputs.CertificatesDir}/sa.key", pub = $"{inputs.CertificatesDir}/sa.pub";
        if (c.Target.Exists(key))
        {
            // kubeadm reuses a loadable sa.key and writes sa.pub from it
            var existing = CertsPhases.ReadKey(c, key);
            var expected = Pem.EncodePublicKey(existing.Public);
            c.Reused(key);
            if (c.Target.Exists(pub) && c.Target.ReadAllBytes(pub).AsSpan().SequenceEqual(expected))
            {
                c.Reused(pub);
                return;
            }

            await c.WriteFileAsync(pub, expected, CertsPhases.KeyMode, "public key of sa.key", ct);
            return;
        }

        var pair = await c.Keys.NextAsync(inputs.Algorithm);
        await c.WriteFileAsync(key, Pem.EncodePrivateKey(pair.Private), CertsPhases.KeyMode, $"{inputs.Algorithm} private key", ct);
        await c.WriteFileAsync(pub, Pem.EncodePublicKey(pair.Public), CertsPhases.KeyMode, "public key of sa.key", ct);
    }
}
