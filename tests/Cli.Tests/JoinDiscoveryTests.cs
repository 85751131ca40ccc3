using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class JoinDiscoveryTests
{
    // port 1 on loopback: nothing listens, every fetch is refused; nothing leaves the machine
    const string Unreachable = """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: JoinConfiguration
        nodeRegistration:
          name: node2
        discovery:
          bootstrapToken:
            apiServerEndpoint: 127.0.0.1:1
            token: abcdef.0123456789abcdef
            caCertHashes: ["sha256:0000000000000000000000000000000000000000000000000000000000000000"]
          tlsBootstrapToken: abcdef.0123456789abcdef
        timeouts:
          discovery: 2s
        """;

    [Fact]
    public void Join_UnreachableEndpoint_SaysWhatItWaitsForAtOnceAndWhyItGaveUp()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["join.yaml"], Unreachable);

        var result = Cli.Run("join", "--config", dir["join.yaml"], "--dry-run");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Err.Split('\n');
        Assert.Equal("[discovery] reading cluster-info from 127.0.0.1:1 (waiting up to 2s)", lines[0]);
        Assert.StartsWith("[discovery] cannot fetch https://127.0.0.1:1/", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("; retrying until 2s have passed", lines[1], StringComparison.Ordinal);
        // the same reason is told once, not once per retry
        Assert.Single(lines, l => l.StartsWith("[discovery] cannot fetch", StringComparison.Ordinal));
        // discovery runs in kubelet-start, as kubeadm's does
        Assert.Contains("kiln: error execution phase kubelet-start: discovery failed after 2s: cannot fetch", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", result.Err + result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_UnknownSkipPhase_FailsBeforeDiscovery()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["join.yaml"], Unreachable);

        var result = Cli.Run("join", "--config", dir["join.yaml"], "--dry-run", "--skip-phases", "kubelet-strat");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kubelet-strat", result.Err, StringComparison.Ordinal);
        Assert.Contains("kubelet-start", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("[discovery]", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_FailingPreflight_StopsBeforeAnythingIsFetched()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["join.yaml"], Unreachable);
        // a node that already runs static pods: preflight's DirAvailable check is fatal
        Directory.CreateDirectory(dir["node/etc/kubernetes/manifests"]);
        File.WriteAllText(dir["node/etc/kubernetes/manifests/etcd.yaml"], "kind: Pod\n");
        var services = new RecordingServices();

        var result = await Cli.RunWithAsync(c => c with { Services = services }, Repo.Root, "join", "--config", dir["join.yaml"], "--rootfs", dir["node"]);

        Assert.True(result.ExitCode == 1, result.Out + result.Err);
        Assert.Contains("kiln: error execution phase preflight:", result.Err, StringComparison.Ordinal);
        Assert.Contains("DirAvailable--etc-kubernetes-manifests", result.Out + result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("[discovery]", result.Err, StringComparison.Ordinal);
        Assert.Empty(services.Calls);
    }

    [Fact]
    public void PlanJoin_ListsThePhases_AndFetchesNothing()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["join.yaml"], Unreachable);

        var live = Cli.Run("plan", "join", "--config", dir["join.yaml"]);
        var files = Cli.Run("plan", "join", "--config", dir["join.yaml"], "--files-only", "--rootfs", dir["node"]);

        Assert.True(live.ExitCode == 0, live.Err);
        Assert.Equal("join: 2 of 2 phases will run\n  preflight      Run join pre-flight checks\n"
            + "  kubelet-start  Write a file with KubeletConfiguration and perform the kubelet TLS bootstrap\n", live.Out);
        Assert.Contains("  preflight      skipped: ", files.Out, StringComparison.Ordinal);
        Assert.Equal("", live.Err + files.Err);
        Assert.False(Directory.Exists(dir["node"]), "a plan wrote files");
    }

    [Fact]
    public async Task JoinPhasePreflight_RunsPreflightOnly_WithoutDiscovery()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["join.yaml"], Unreachable);
        Directory.CreateDirectory(dir["node"]);

        var result = await Cli.RunWithAsync(c => c with { Services = new RecordingServices() }, Repo.Root,
            "join", "phase", "preflight", "--config", dir["join.yaml"], "--rootfs", dir["node"], "--ignore-preflight-errors=all");

        Assert.True(result.ExitCode == 0, result.Out + result.Err);
        Assert.Contains("[preflight]", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[kubelet-start]", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[discovery]", result.Err, StringComparison.Ordinal);
    }
}
