using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class ImageCommandTests
{
    const string Recipe = """
        apiVersion: kiln.dev/v1alpha1
        kind: ImageRecipe
        name: node
        role: control-plane
        kubeadm:
          file: cluster.yaml
        disk:
          size: 64MiB
        formats: [raw]
        """;

    const string Cluster = InitConfigs.ImageNode;

    static Cli.Result Run(string dir, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, TestHost.Facts, dir) { SourceDateEpoch = "1767225600" };
        var code = KilnCli.RunAsync(args, context).GetAwaiter().GetResult();
        return new Cli.Result(code, stdout.ToString(), stderr.ToString());
    }

    static TempDir WithRecipe(string recipe = Recipe)
    {
        var dir = new TempDir();
        File.WriteAllText(dir["node.yaml"], recipe);
        File.WriteAllText(dir["cluster.yaml"], Cluster);
        return dir;
    }

    [Fact]
    public void Build_ThenVerify_Succeeds()
    {
        using var dir = WithRecipe();

        var build = Run(dir.Path, "image", "build", "node.yaml", "--out", "out", "--state", "state");
        var verify = Run(dir.Path, "image", "verify", "out/node.raw");

        Assert.True(build.ExitCode == 0, build.Err);
        Assert.Matches(@"image: out/node\.raw  64\.0 MiB  sha256:[0-9a-f]{64}", build.Out);
        Assert.Contains("manifest: out/node.manifest.json", build.Out, StringComparison.Ordinal);
        Assert.Contains("(created: keep it secret", build.Out, StringComparison.Ordinal);
        Assert.Contains("[certs/ca] wrote /etc/kubernetes/pki/ca.key (0600)", build.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(dir["state/token"]).Trim(), build.Out + build.Err, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        Assert.Contains("out/node.raw: verified against node.manifest.json", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FormatFlagAndSet_OverrideTheRecipe_SetNameRenamesTheNodeToo()
    {
        using var dir = WithRecipe(Recipe.Replace("name: node\n", "name: node-1\n", StringComparison.Ordinal));

        var build = Run(dir.Path, "image", "build", "node.yaml", "--out", "out", "--format", "raw,vhd", "--set", "name=node-7");
        var config = Tool.Run("debugfs", "-R", "cat /etc/kiln/kubeadm.yaml", $"{dir["out/node-7.raw"]}?offset=1048576").Out;

        Assert.True(build.ExitCode == 0, build.Err);
        var written = Directory.GetFileSystemEntries(dir["out"]).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["node-7.manifest.json", "node-7.raw", "node-7.state", "node-7.vhd"], written);
        Assert.Contains("name: node-7", config, StringComparison.Ordinal);
        Assert.DoesNotContain("node-1", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BrokenRecipe_ExitsTwoWithEveryErrorLocated()
    {
        using var dir = WithRecipe(Recipe.Replace("role: control-plane", "role: master", StringComparison.Ordinal)
            .Replace("size: 64MiB", "size: 64MB", StringComparison.Ordinal));

        var build = Run(dir.Path, "image", "build", "node.yaml");

        Assert.Equal(2, build.ExitCode);
        Assert.Contains("node.yaml:4:7: error: role: unknown role 'master'", build.Err, StringComparison.Ordinal);
        Assert.Contains("node.yaml:8:9: error: disk.size: '64MB' is not a disk size", build.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void Build_UnknownFormat_IsAUsageError()
    {
        using var dir = WithRecipe();

        var build = Run(dir.Path, "image", "build", "node.yaml", "--format", "iso");

        Assert.Equal(2, build.ExitCode);
        Assert.Contains("--format: unknown format 'iso' (allowed: raw, qcow2, vhd, vhdx, vmdk)", build.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build", "--format <format>      Output formats, comma-separated: raw, qcow2, vhd, vhdx, vmdk")]
    [InlineData("verify", "Image to check (raw, qcow2, vhd, vhdx, vmdk, by extension)")]
    public void Help_ListsTheFormats(string command, string line)
    {
        using var dir = new TempDir();

        var help = Run(dir.Path, "image", command, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains(line, help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ChangedMode_ExitsOneNamingThePath()
    {
        using var dir = WithRecipe();
        Assert.Equal(0, Run(dir.Path, "image", "build", "node.yaml", "--out", "out").ExitCode);
        var debugfs = Tool.Run("debugfs", "-w", "-R", "sif /etc/kubernetes/admin.conf mode 0100644", $"{dir["out/node.raw"]}?offset=1048576");
        Assert.Equal(0, debugfs.ExitCode);

        var verify = Run(dir.Path, "image", "verify", "out/node.raw");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("DIFFERENT: /etc/kubernetes/admin.conf: mode 0644, the manifest says 0600", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsTheOptions()
    {
        var help = Cli.Run("image", "build", "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "RECIPE", "--out", "--state", "--format", "--set", "SOURCE_DATE_EPOCH" })
        {
            Assert.Contains(option, help.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SignKey_SignsTheManifest_VerifyKeyChecksIt_ABadKeyIsAUsageError()
    {
        using var dir = WithRecipe();
        Tool.Run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", dir["sign.key"]);
        Tool.Run("openssl", "ec", "-in", dir["sign.key"], "-pubout", "-out", dir["sign.pub"]);
        File.WriteAllText(dir["bad.key"], "not a key");

        var build = Run(dir.Path, "image", "build", "node.yaml", "--out", "out", "--sign-key", "sign.key");
        var verify = Run(dir.Path, "image", "verify", "out/node.raw", "--key", "sign.pub");
        var bad = Run(dir.Path, "image", "build", "node.yaml", "--out", "out2", "--sign-key", "bad.key");

        Assert.True(build.ExitCode == 0, build.Err);
        Assert.Contains("manifest: out/node.manifest.json (signed: node.manifest.json.sig)", build.Out, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.Out);
        Assert.Contains("ok: node.manifest.json: signature valid (node.manifest.json.sig)", verify.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("kiln: --sign-key bad.key: not a PEM private key (ECDSA P-256", bad.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["out2"]));
    }
}
