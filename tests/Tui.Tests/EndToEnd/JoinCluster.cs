using k8s;
using Kiln.TestKit;

namespace Kiln.Tui.Tests.EndToEnd;

/// <summary>
/// A real control plane to join (real etcd, kube-apiserver, controller-manager and scheduler from Kiln's own
/// manifests): `kiln init --files-only` writes it, then `kiln init phase upload-config` and `bootstrap-token` make
/// the token, cluster-info and the RBAC a join and a kubelet's TLS bootstrap need, as in the CLI's live tests.
/// </summary>
public sealed class JoinCluster : IAsyncLifetime, IDisposable
{
    public const string Token = "abcdef.0123456789abcdef";

    readonly TempDir _dir = new("kiln-tui-join-");

    public RealCluster Cluster { get; private set; } = null!;

    public string Root => _dir["root"];

    public int ApiPort { get; } = RealCluster.FreePort();

    public string Endpoint => $"127.0.0.1:{ApiPort}";

    public byte[] Ca => File.ReadAllBytes(Path.Combine(Root, "etc/kubernetes/pki/ca.crt"));

    public string Pin => global::Kiln.Phases.Tokens.CaPin.OfPem(Ca, "ca.crt");

    static Tool.Result RunKiln(params string[] args) => Tool.Run("dotnet", [TuiInTmuxTests.Kiln(), .. args]);

    public async Task InitializeAsync()
    {
        int etcd = RealCluster.FreePort(), peer = RealCluster.FreePort(), metrics = RealCluster.FreePort();
        int kcm = RealCluster.FreePort(), scheduler = RealCluster.FreePort();
        // port 0: the v1.20 test binaries' insecure ports (10251, 10252) are fixed, and another suite's cluster may hold them
        var config = _dir["init.yaml"];
        await File.WriteAllTextAsync(config, $$"""
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: InitConfiguration
            bootstrapTokens:
            - token: {{Token}}
            localAPIEndpoint:
              advertiseAddress: 127.0.0.1
              bindPort: {{ApiPort}}
            nodeRegistration:
              name: node1
            ---
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: ClusterConfiguration
            kubernetesVersion: v1.37.0
            encryptionAlgorithm: ECDSA-P256
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
              - {name: port, value: "0"}
            scheduler:
              extraArgs:
              - {name: secure-port, value: "{{scheduler}}"}
              - {name: port, value: "0"}
            """);
        var files = RunKiln("init", "--files-only", "--rootfs", Root, "--config", config);
        Assert.True(files.ExitCode == 0, files.All);
        Cluster = RealCluster.Start(Root);

        // admin.conf's group is bound to cluster-admin only by init's live phases, which do not run here: super-admin.conf
        // (system:masters) it is
        var kubeconfig = Path.Combine(Root, "etc/kubernetes/super-admin.conf");
        string[][] phases = [["upload-config", "all"], ["bootstrap-token"]];
        foreach (var phase in phases)
        {
            // the API server takes a while to answer; the phase is retried until it does (each run is idempotent)
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(120);
            Tool.Result run;
            while ((run = RunKiln(["init", "phase", .. phase, "--rootfs", Root, "--config", config, "--kubeconfig", kubeconfig])).ExitCode != 0)
            {
                Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"init phase {string.Join(' ', phase)}: {run.All}\n{Cluster.Logs()}");
                await Task.Delay(500);
            }
        }

        // the controller-manager's bootstrapsigner signs cluster-info for the token: token discovery needs it
        using var admin = Cluster.Client("super-admin.conf");
        for (var i = 0; i < 240; i++)
        {
            var info = await admin.CoreV1.ReadNamespacedConfigMapAsync("cluster-info", "kube-public");
            if (info.Data.ContainsKey("jws-kubeconfig-abcdef"))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("the bootstrapsigner never signed cluster-info\n" + Cluster.Logs());
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
        if (Directory.Exists(_dir.Path))
        {
            _dir.Dispose();
        }
    }
}
