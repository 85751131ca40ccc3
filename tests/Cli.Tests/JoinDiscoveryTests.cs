using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class JoinDiscoveryTests
{
    [Fact]
    public void Join_UnreachableEndpoint_SaysWhatItWaitsForAtOnceAndWhyItGaveUp()
    {
        using var dir = new TempDir();
        // port 1 on loopback: nothing listens, every fetch is refused; nothing leaves the machine
        File.WriteAllText(dir["join.yaml"], """
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
            """);

        var result = Cli.Run("join", "--config", dir["join.yaml"], "--dry-run");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Err.Split('\n');
        Assert.Equal("[discovery] reading cluster-info from 127.0.0.1:1 (waiting up to 2s)", lines[0]);
        Assert.StartsWith("[discovery] cannot fetch https://127.0.0.1:1/", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("; retrying until 2s have passed", lines[1], StringComparison.Ordinal);
        // the same reason is told once, not once per retry
        Assert.Single(lines, l => l.StartsWith("[discovery] cannot fetch", StringComparison.Ordinal));
        Assert.Contains("kiln: discovery failed after 2s: cannot fetch", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", result.Err, StringComparison.Ordinal);
    }
}
