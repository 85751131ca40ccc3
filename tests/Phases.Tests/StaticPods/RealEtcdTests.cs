using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using Kiln.Phases.Config;
using Kiln.Phases.Targets;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.StaticPods;

/// <summary>
/// Debian's real etcd, started with the command line from Kiln's own etcd.yaml and Kiln's certificates,
/// proves the etcd PKI works: health with the healthcheck client, put/get with the apiserver's client, and
/// refusal of a client certificate from another CA.
/// </summary>
public sealed class RealEtcdTests : IDisposable
{
    readonly TempDir _dir = new("kiln-etcd-");
    Process? _etcd;

    public void Dispose()
    {
        if (_etcd is { HasExited: false })
        {
            _etcd.Kill(entireProcessTree: true);
            _etcd.WaitForExit(5000);
        }

        _etcd?.Dispose();
        _dir.Dispose();
    }

    static KubeadmConfig Config() => ConfigLoader.Load("etcd.yaml", """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        localAPIEndpoint: {advertiseAddress: 127.0.0.1}
        nodeRegistration: {name: node1}
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        kubernetesVersion: v1.37.0
        encryptionAlgorithm: ECDSA-P256
        certificatesDir: /pki
        etcd:
          local:
            dataDir: /data
        """, TestHost.Facts).Config!;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    Tool.Result Etcdctl(int port, string client, string ca, params string[] args) =>
        Tool.RunIn(_dir.Path, "etcdctl", ["--endpoints", $"https://127.0.0.1:{port}", "--cacert", ca, "--cert", $"{client}.crt", "--key", $"{client}.key",
            "--dial-timeout", "3s", "--command-timeout", "5s", .. args]);

    [Fact]
    public async Task Etcd_FromKilnsManifestAndCerts_ServesOnlyKilnsClients()
    {
        Assert.True(File.Exists("/usr/bin/etcd"), "etcd is missing: install the Debian packages etcd-server and etcd-client (eng/install-test-deps.sh does)");
        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, Config(), new HostRoot(_dir.Path),
            "certs/etcd-ca", "certs/etcd-server", "certs/etcd-peer", "certs/etcd-healthcheck-client", "certs/apiserver-etcd-client", "etcd/local");
        Assert.True(result.Succeeded, result.Error?.Message);
        var pod = KubernetesYaml.Deserialize<V1Pod>(await File.ReadAllTextAsync(_dir["etc/kubernetes/manifests/etcd.yaml"]), strict: true);
        int client = FreePort(), peer = FreePort(), metrics = FreePort();

        // the manifest's own command line, mapped into the test root and onto free loopback ports,
        // minus the flags Debian's etcd 3.4 does not know (etcd 3.6 names)
        var args = pod.Spec.Containers[0].Command.Skip(1)
            .Where(a => !Kiln.Phases.StaticPods.EtcdManifest.Etcd36OnlyFlags.Any(f => a.StartsWith($"--{f}=", StringComparison.Ordinal)))
            .Select(a => a.Replace("=/pki/", $"={_dir.Path}/pki/", StringComparison.Ordinal).Replace("=/data", $"={_dir.Path}/data", StringComparison.Ordinal)
                .Replace(":2379", $":{client}", StringComparison.Ordinal).Replace(":2380", $":{peer}", StringComparison.Ordinal)
                .Replace(":2381", $":{metrics}", StringComparison.Ordinal))
            .ToList();
        var start = new ProcessStartInfo("/usr/bin/etcd") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        args.ForEach(start.ArgumentList.Add);
        _etcd = Process.Start(start)!;
        _etcd.BeginErrorReadLine();
        _etcd.BeginOutputReadLine();
        var ca = _dir["pki/etcd/ca.crt"];

        Tool.Result health = null!;
        for (var i = 0; i < 40 && !(health = Etcdctl(client, _dir["pki/etcd/healthcheck-client"], ca, "endpoint", "health")).All.Contains("is healthy", StringComparison.Ordinal); i++)
        {
            Assert.False(_etcd.HasExited, $"etcd exited with {(_etcd.HasExited ? _etcd.ExitCode : 0)}; args: {string.Join(' ', args)}");
            await Task.Delay(250);
        }

        Assert.Contains("is healthy", health.All, StringComparison.Ordinal);
        var put = Etcdctl(client, _dir["pki/apiserver-etcd-client"], ca, "put", "/registry/kiln", "works");
        var get = Etcdctl(client, _dir["pki/apiserver-etcd-client"], ca, "get", "/registry/kiln", "--print-value-only");
        Assert.Equal(("OK\n", "works\n"), (put.Out, get.Out));

        using var other = new TempDir("kiln-etcd-other-");
        await PhaseRuns.RunAsync(Workflows.Init, Config(), new HostRoot(other.Path), "certs/etcd-ca", "certs/etcd-healthcheck-client");
        var rogue = Etcdctl(client, other["pki/etcd/healthcheck-client"], ca, "get", "/registry/kiln");
        Assert.NotEqual(0, rogue.ExitCode);
        Assert.DoesNotContain("works", rogue.Out, StringComparison.Ordinal);
    }
}
