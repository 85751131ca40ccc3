using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kiln.ImageBuilder.Build;
using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Recipes;
using Kiln.ImageBuilder.Verify;
using Kiln.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiln.ImageBuilder.Tests.Safety;

/// <summary>A signed manifest: openssl checks it by hand, verify --key catches a manifest changed to match a changed image.</summary>
[Collection(BuiltImageGroup.Name)]
public class ManifestSignatureTests(BuiltImage built)
{
    static (string Private, string Public) KeyPair(TempDir dir)
    {
        Tool.Run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", dir["sign.key"]);
        Tool.Run("openssl", "ec", "-in", dir["sign.key"], "-pubout", "-out", dir["sign.pub"]);
        return (dir["sign.key"], dir["sign.pub"]);
    }

    static ECDsa Load(string file, bool privateKey) => ManifestSignature.Load(File.ReadAllText(file), file, privateKey).Key!;

    async Task<string> SignedBuildAsync(TempDir dir, string key)
    {
        using var signer = Load(key, privateKey: true);
        var result = await ImageBuild.RunAsync(new ImageBuildOptions(Images.Recipe(), dir["out"], built.CopyState(dir), [ImageFormat.Raw], Images.Epoch, SigningKey: signer),
            new RecordingProgress(), NullLogger.Instance, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return Path.Combine(dir["out"], "t.raw");
    }

    [Fact]
    public async Task SignedManifest_OpensslVerifiesIt_AndVerifyWithTheKeyPasses()
    {
        using var dir = new TempDir();
        var (key, pub) = KeyPair(dir);
        var raw = await SignedBuildAsync(dir, key);
        var manifest = Path.Combine(dir["out"], "t.manifest.json");
        using var verifier = Load(pub, privateKey: false);

        var openssl = Tool.Run("openssl", "dgst", "-sha256", "-verify", pub, "-signature", manifest + ".sig", manifest);
        var report = await ImageVerifier.VerifyAsync(raw, manifest, CancellationToken.None, verifier);

        Assert.True(openssl.ExitCode == 0 && openssl.Out.Contains("Verified OK", StringComparison.Ordinal), openssl.All);
        Assert.Empty(report.Problems);
        Assert.Contains("t.manifest.json: signature valid (t.manifest.json.sig)", report.Checks, StringComparer.Ordinal);
    }

    [Fact]
    public async Task TamperedImageAndManifest_PassWithoutTheKey_AreCaughtWithIt()
    {
        using var dir = new TempDir();
        var (key, pub) = KeyPair(dir);
        var raw = await SignedBuildAsync(dir, key);
        var manifestPath = Path.Combine(dir["out"], "t.manifest.json");
        // the attacker makes admin.conf readable and rewrites the manifest to match the changed image
        Assert.Equal(0, Tool.Run("debugfs", "-w", "-R", "sif /etc/kubernetes/admin.conf mode 0100644", $"{raw}?offset=1048576").ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        json["files"]!.AsArray().Single(f => string.Equals((string?)f!["path"], "/etc/kubernetes/admin.conf", StringComparison.Ordinal))!["mode"] = "0644";
        json["outputs"]![0]!["sha256"] = Images.Sha256(raw);
        File.WriteAllText(manifestPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        using var verifier = Load(pub, privateKey: false);

        var unkeyed = await ImageVerifier.VerifyAsync(raw, manifestPath, CancellationToken.None);
        var keyed = await ImageVerifier.VerifyAsync(raw, manifestPath, CancellationToken.None, verifier);

        Assert.Empty(unkeyed.Problems);
        Assert.Contains("t.manifest.json: signed (t.manifest.json.sig), signature not checked: pass the public key to check it", unkeyed.Checks, StringComparer.Ordinal);
        Assert.Equal(["t.manifest.json: the signature t.manifest.json.sig does not verify with the given key: the manifest was changed or signed by another key"],
            keyed.Problems);
    }

    [Fact]
    public async Task OtherKey_OrNoSignature_AreProblems_AndAnUnsignedRebuildRemovesTheOldSignature()
    {
        using var dir = new TempDir();
        var (key, _) = KeyPair(dir);
        var raw = await SignedBuildAsync(dir, key);
        var manifest = Path.Combine(dir["out"], "t.manifest.json");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var wrong = await ImageVerifier.VerifyAsync(raw, manifest, CancellationToken.None, other);
        await ImageBuild.RunAsync(new ImageBuildOptions(Images.Recipe(), dir["out"], dir["state"], [ImageFormat.Raw], Images.Epoch),
            new RecordingProgress(), NullLogger.Instance, CancellationToken.None);
        var unsigned = await ImageVerifier.VerifyAsync(raw, manifest, CancellationToken.None, other);

        Assert.Contains(wrong.Problems, p => p.Contains("does not verify with the given key", StringComparison.Ordinal));
        Assert.False(File.Exists(manifest + ".sig"));
        Assert.Equal(["t.manifest.json: not signed (no t.manifest.json.sig), but a key to check it was given"], unsigned.Problems);
    }

    [Fact]
    public void Load_RefusesAnotherCurve_APublicKeyToSignWith_AndNonKeys()
    {
        using var dir = new TempDir();
        Tool.Run("openssl", "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", dir["p384.key"]);
        var (_, pub) = KeyPair(dir);

        Assert.Equal($"{dir["p384.key"]}: an ECDSA key of 384 bits; the manifest signature uses ECDSA P-256",
            ManifestSignature.Load(File.ReadAllText(dir["p384.key"]), dir["p384.key"], privateKey: true).Problem);
        Assert.Equal("pub.pem: a public key; signing needs the private key", ManifestSignature.Load(File.ReadAllText(pub), "pub.pem", privateKey: true).Problem);
        Assert.StartsWith("x.pem: not a PEM public key (ECDSA P-256", ManifestSignature.Load("hello", "x.pem", privateKey: false).Problem, StringComparison.Ordinal);
    }
}
