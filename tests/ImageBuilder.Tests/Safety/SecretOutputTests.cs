using Kiln.ImageBuilder.Manifest;
using Kiln.ImageBuilder.Tools;
using Kiln.ImageBuilder.Tree;
using Kiln.ImageBuilder.Verify;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Safety;

/// <summary>Images hold keys and tokens: 0600 whatever the umask, marked in the manifest, and verify says when they are not private.</summary>
[Collection(BuiltImageGroup.Name)]
public class SecretOutputTests(BuiltImage built)
{
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void EveryImage_Is0600AndMarkedSecret()
    {
        var manifest = ImageManifest.FromJson(File.ReadAllText(built.Manifest));

        Assert.All(manifest.Outputs, o => Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(built.Output, o.File))));
        Assert.All(manifest.Outputs, o => Assert.True(o.Secret));
    }

    [Theory]
    [InlineData("/etc/kubernetes/pki/ca.key", true)]
    [InlineData("/etc/kubernetes/pki/sa.key", true)]
    [InlineData("/etc/kubernetes/admin.conf", true)]
    [InlineData("/etc/kiln/kubeadm.yaml", true)]
    [InlineData("/etc/kubernetes/pki/ca.crt", false)]
    [InlineData("/etc/kubernetes/pki/sa.pub", false)]
    [InlineData("/etc/kubernetes/manifests/kube-apiserver.yaml", false)]
    [InlineData("/var/lib/kubelet/config.yaml", false)]
    public void Manifest_MarksTheFilesThatHoldSecrets(string path, bool secret)
    {
        var manifest = ImageManifest.FromJson(File.ReadAllText(built.Manifest));

        var file = manifest.Files.Single(f => string.Equals(f.Path, path, StringComparison.Ordinal));

        Assert.Equal(secret ? true : null, file.Secret);
        Assert.True(!secret || string.Equals(file.Mode, "0600", StringComparison.Ordinal), $"{path} is {file.Mode}");
    }

    [Fact]
    public async Task Verify_ReportsAnImageOthersCanRead()
    {
        using var dir = new TempDir();
        var raw = dir["t.raw"];
        Tool.Run("cp", "--sparse=always", built.Raw, raw);
        File.Copy(built.Manifest, dir["t.manifest.json"]);
        File.SetUnixFileMode(raw, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var report = await ImageVerifier.VerifyAsync(raw, dir["t.manifest.json"], CancellationToken.None);

        Assert.Contains("t.raw: holds keys or credentials but others may read it (mode 0644); chmod 600 it", report.Problems, StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nMHc=\n-----END EC PRIVATE KEY-----\n", true)]
    [InlineData("users:\n- name: a\n  user:\n    client-key-data: LS0t\n", true)]
    [InlineData("users:\n- user:\n    token: abcdef.0123456789abcdef\n", true)]
    [InlineData("bootstrapTokens:\n- token: \"abcdef.0123456789abcdef\"\n", true)]
    [InlineData("discovery:\n  tlsBootstrapToken: abcdef.0123456789abcdef\n", true)]
    [InlineData("certificateKey: 0123\n", true)]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", false)]
    [InlineData("authentication:\n  webhook:\n    cacheTTL: 0s\n# token: is a comment\n", false)]
    [InlineData("token:\n", false)]
    public void SecretContent_FindsKeysAndCredentials(string content, bool secret) =>
        Assert.Equal(secret, SecretContent.Holds(System.Text.Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Scan_RefusesASecretThatOthersCouldRead()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["bootstrap.conf"], "users:\n- user:\n    token: abcdef.0123456789abcdef\n");
        File.SetUnixFileMode(dir["bootstrap.conf"], Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var e = Assert.Throws<ImageBuildException>(() => NodeTree.Scan(dir.Path));

        Assert.Equal("/bootstrap.conf holds a key or a credential but its mode is 644: the image would let anyone read it", e.Message);
    }
}
