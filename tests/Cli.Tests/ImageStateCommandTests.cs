using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>`kiln image state check-expiration|renew` on a state that a real build made.</summary>
public class ImageStateCommandTests
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

    static Cli.Result Run(string dir, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, TestHost.Facts, dir) { SourceDateEpoch = "946684800" };
        var code = KilnCli.RunAsync(args, context).GetAwaiter().GetResult();
        return new Cli.Result(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Build_OldEpoch_CertificatesValidNow_CheckListsThem_RenewAllRenewsAndTheStateRebuilds()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["node.yaml"], Recipe);
        File.WriteAllText(dir["cluster.yaml"], InitConfigs.ImageNode);

        var build = Run(dir.Path, "image", "build", "node.yaml", "--out", "out", "--state", "state");
        var check = Run(dir.Path, "image", "state", "check-expiration", "--state", "state");
        var nothing = Run(dir.Path, "image", "state", "renew", "--state", "state");
        var apiserver = File.ReadAllBytes(dir["state/pki/apiserver.crt"]);
        var renew = Run(dir.Path, "image", "state", "renew", "--state", "state", "--all");
        var rebuild = Run(dir.Path, "image", "build", "node.yaml", "--out", "out", "--state", "state");

        Assert.True(build.ExitCode == 0, build.Err);
        Assert.Contains("(0600: holds keys and tokens)", build.Out, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir["out/node.raw"]));
        Assert.Equal(0, check.ExitCode);
        Assert.Matches(@"pki/apiserver\.crt +20\d\d-\d\d-\d\d \d\d:\d\d UTC +364d +no", check.Out);
        Assert.Matches(@"pki/ca\.crt +20\d\d-\d\d-\d\d \d\d:\d\d UTC +9y +yes", check.Out);
        Assert.Equal(0, nothing.ExitCode);
        Assert.Contains("Nothing to renew: no certificate of the state expires within 30 days", nothing.Out, StringComparison.Ordinal);
        Assert.True(renew.ExitCode == 0, renew.Err);
        Assert.Contains("[renew] pki/apiserver.crt: was valid until ", renew.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pki/ca.crt", renew.Out, StringComparison.Ordinal);
        Assert.Contains("Renewed 12 certificate(s) in ", renew.Out, StringComparison.Ordinal);
        Assert.NotEqual(apiserver, File.ReadAllBytes(dir["state/pki/apiserver.crt"]));
        Assert.True(rebuild.ExitCode == 0, rebuild.Err);
    }

    [Fact]
    public void Renew_NotAState_IsAUsageErrorThatCreatesNothing()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["empty"]);

        var missing = Run(dir.Path, "image", "state", "renew", "--state", "nowhere");
        var empty = Run(dir.Path, "image", "state", "renew", "--state", "empty");

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("kiln: --state nowhere: no such directory\n", missing.Err);
        Assert.False(Directory.Exists(dir["nowhere"]));
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("kiln: empty is not a Kiln image state: it has no seed and token files", empty.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir["empty"]), f => !Path.GetFileName(f).StartsWith('.'));
    }
}
