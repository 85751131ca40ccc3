using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class InitCommandTests
{
    static readonly string[] s_node = ["--node-name", "node1", "--apiserver-advertise-address", "10.0.0.10"];

    [Fact]
    public void Plan_Init_MatchesGolden()
    {
        var result = Cli.Run(["plan", "init", .. s_node, "--skip-phases", "certs/sa"]);

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Snapshot.Match(result.Out, "plans/init");
    }

    [Fact]
    public void Init_DryRun_WritesNothingAndDescribesEveryFileWithoutKeys()
    {
        using var dir = new TempDir();

        var result = Cli.Run(["init", "--files-only", "--rootfs", dir.Path, "--dry-run", .. s_node]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        Assert.Contains("[certs/apiserver] would write /etc/kubernetes/pki/apiserver.crt (0644): subject CN=kube-apiserver, issuer CN=kubernetes, SANs [DNS:node1",
            result.Out, StringComparison.Ordinal);
        Assert.Contains("[kubeconfig/admin] would write /etc/kubernetes/admin.conf (0600): user kubernetes-admin", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY-----", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("client-key-data", result.Out, StringComparison.Ordinal);
        Assert.All(result.Out.TrimEnd('\n').Split('\n'), line => Assert.Matches(@"^\[[a-z0-9/-]+\] ", line));
    }

    [Fact]
    public void InitPhase_LeafAlone_OnRootWithCa_WritesOnlyThatCert()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Cli.Run(["init", "phase", "certs", "ca", "--rootfs", dir.Path, .. s_node]).ExitCode);

        var result = Cli.Run(["init", "phase", "certs", "apiserver", "--rootfs", dir.Path, .. s_node]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["apiserver.crt", "apiserver.key", "ca.crt", "ca.key"], Directory.GetFiles(dir["etc/kubernetes/pki"]).Select(Path.GetFileName).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void InitPhase_LeafWithoutCa_FailsWithExitOneAndHint()
    {
        using var dir = new TempDir();

        var result = Cli.Run(["init", "phase", "kubeconfig", "admin", "--rootfs", dir.Path, .. s_node]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kiln: error execution phase kubeconfig/admin: /etc/kubernetes/pki/ca.crt not found in the target", result.Err, StringComparison.Ordinal);
        Assert.Contains("hint: run phase 'certs/ca' first", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void InitPhase_Group_RunsItsChildren()
    {
        using var dir = new TempDir();

        var result = Cli.Run(["init", "phase", "certs", "all", "--rootfs", dir.Path, .. s_node]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(11, result.Out.Split('\n').Count(l => l.Contains("] done in", StringComparison.Ordinal)));
        Assert.False(File.Exists(dir["etc/kubernetes/admin.conf"]));
    }

    [Fact]
    public void Init_UnknownSkipPhase_IsUsageErrorWithSuggestion()
    {
        var result = Cli.Run(["init", "--dry-run", "--skip-phases", "certs/apiservr", .. s_node]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown phase 'certs/apiservr' in the init workflow; did you mean 'certs/apiserver'?", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Init_ConfigMixedWithFlags_IsUsageError()
    {
        var result = Cli.Run("init", "--config", "x.yaml", "--node-name", "n", "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--config cannot be mixed with --node-name", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_BadFlagValue_IsUsageErrorNamingTheField()
    {
        var result = Cli.Run(["init", "--dry-run", "--pod-network-cidr", "10.244.0.0/33", .. s_node]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("networking.podSubnet: '10.244.0.0/33' is not a valid CIDR", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanInit_UploadCerts_MakesNoSecret()
    {
        var result = Cli.Run(["plan", "init", "--upload-certs", .. s_node]);

        Assert.Equal((0, ""), (result.ExitCode, result.Err));
        Assert.DoesNotContain("certificate key", result.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9a-f]{64}", result.Out);
        // the plan still describes the live run: upload-certs runs
        Assert.Matches(@"(?m)^  upload-certs +Upload", result.Out);
    }

    [Theory]
    [InlineData("--dry-run")]
    [InlineData("--files-only")]
    public void Init_Rootfs_NeverTakesThisHostsNameOrAddress(string mode)
    {
        using var dir = new TempDir();

        var result = Cli.Run(["init", mode, "--rootfs", dir.Path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kiln: nodeRegistration.name: no node name: the files are for another machine, so this host's name is not used (allowed: a DNS-1123 subdomain); hint: pass --node-name",
            result.Err, StringComparison.Ordinal);
        Assert.Contains("kiln: localAPIEndpoint.advertiseAddress: no advertise address: the files are for another machine, so this host's address is not used", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("node1", result.Err + result.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Init_Rootfs_WithAConfigFile_NamesTheMissingFieldsInTheFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["init.yaml"], "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n");
        Directory.CreateDirectory(dir["root"]);

        var result = Cli.Run(["init", "--files-only", "--rootfs", dir["root"], "--config", dir["init.yaml"]]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: nodeRegistration.name: no node name", result.Err, StringComparison.Ordinal);
        Assert.Contains("hint: set localAPIEndpoint.advertiseAddress in the InitConfiguration", result.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir["root"]));
    }

    [Fact]
    public void Init_Rootfs_UsesTheNodeNameFromTheFlags()
    {
        using var dir = new TempDir();

        var result = Cli.Run(["init", "--dry-run", "--rootfs", dir.Path, "--node-name", "far", "--apiserver-advertise-address", "10.9.9.9"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("SANs [DNS:far", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("node1", result.Out, StringComparison.Ordinal);
    }
}
