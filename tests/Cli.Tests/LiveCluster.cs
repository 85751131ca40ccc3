using k8s;
using k8s.Models;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>
/// One real control plane for the class: Kiln writes the node's files, real etcd, kube-apiserver, kube-controller-manager
/// and kube-scheduler run from Kiln's own manifests, then `kiln init` runs every live phase against them.
/// </summary>
public sealed class LiveCluster : IAsyncLifetime, IDisposable
{
    public const string Token = "abcdef.0123456789abcdef";

    readonly TempDir _dir = new("kiln-live-");
    HealthzResponder? _kubelet;

    public RealCluster Cluster { get; private set; } = null!;
    public string Root => _dir["root"];
    public string Config => _dir["init.yaml"];
    public int ApiPort { get; } = RealCluster.FreePort();
    /// <summary>The kubelet healthz port the init config's KubeletConfiguration names.</summary>
    public int KubeletPort { get; } = RealCluster.FreePort();
    public Cli.Result Files { get; private set; } = null!;
    public Cli.Result Init { get; private set; } = null!;
    public RecordingServices Services { get; } = new();
    public int KubeletProbes => _kubelet?.Requests ?? 0;

    public async Task InitializeAsync()
    {
        int etcd = RealCluster.FreePort(), peer = RealCluster.FreePort(), metrics = RealCluster.FreePort();
        int kcm = RealCluster.FreePort(), scheduler = RealCluster.FreePort(), kubelet = KubeletPort;
        // wait-control-plane asks all four components; the v1.20 scheduler built here serves /livez through the test build's
        // patch (eng/k8s-testbin.sh)
        await File.WriteAllTextAsync(Config, $$"""
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: InitConfiguration
            bootstrapTokens:
            - token: {{Token}}
              description: the e2e token
            localAPIEndpoint:
              advertiseAddress: 127.0.0.1
              bindPort: {{ApiPort}}
            nodeRegistration:
              name: node1
            timeouts:
              controlPlaneComponentHealthCheck: 90s
              kubeletHealthCheck: 20s
            ---
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: ClusterConfiguration
            kubernetesVersion: v1.37.0
            encryptionAlgorithm: ECDSA-P256
            networking:
              podSubnet: 10.244.0.0/16
            etcd:
              local:
                extraArgs:
                - {name: listen-client-urls, value: "https://127.0.0.1:{{etcd}}"}
                - {name: advertise-client-urls, value: "https://127.0.0.1:{{etcd}}"}
                - {name: listen-peer-urls, value: "https://127.0.0.1:{{peer}}"}
                - {name: initial-advertise-peer-urls, value: "https://127.0.0.1:{{peer}}"}
                - {name: initial-cluster, value: "node1=https://127.0.0.1:{{peer}}"}
                - {name: listen-metrics-urls, value: "http://127.0.0.1:{{metrics}}"}
            apiServer:
              extraArgs:
              - {name: etcd-servers, value: "https://127.0.0.1:{{etcd}}"}
            controllerManager:
              extraArgs:
              - {name: secure-port, value: "{{kcm}}"}
            scheduler:
              extraArgs:
              - {name: secure-port, value: "{{scheduler}}"}
            ---
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            healthzPort: {{kubelet}}
            """);
        Files = Cli.Run("init", "--files-only", "--rootfs", Root, "--config", Config);
        Assert.True(Files.ExitCode == 0, Files.Err);
        Cluster = RealCluster.Start(Root);
        _kubelet = new HealthzResponder(kubelet);

        // the kubelet would register the Node; here the test does, as the node (super-admin: system:masters)
        using (var super = Cluster.Client("super-admin.conf"))
        {
            await RetryAsync(() => super.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "node1" } }), TimeSpan.FromSeconds(60));
        }

        Init = await Cli.RunWithAsync(c => c with { Services = Services, PollInterval = TimeSpan.FromMilliseconds(200) }, Repo.Root,
            "init", "--rootfs", Root, "--config", Config, "--upload-certs", "--ignore-preflight-errors=all");
    }

    static async Task RetryAsync(Func<Task> action, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        _kubelet?.Dispose();
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }
    }
}
