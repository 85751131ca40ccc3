using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Kiln.TestKit;
using Kiln.TestKit.Nodes;

namespace Kiln.Node.Tests;

/// <summary>
/// node1, booted on its own bridge, where the published kiln ran <c>kiln init --config /root/init.yaml</c>; the real
/// v1.20.2 kubelet runs Kiln's static pods. Shared by the tests of <see cref="SharedInitNode"/> (booting and init
/// take about a minute).
/// </summary>
public sealed partial class InitNode : IAsyncLifetime
{
    /// <summary>The version Kiln writes for; eng/node-base.sh builds image archives named for it by default.</summary>
    public const string KubernetesVersion = "v1.37.0";

    public NodeNetwork Network { get; private set; } = null!;
    public TestNode Node { get; private set; } = null!;
    public Tool.Result Init { get; private set; } = null!;

    /// <summary>The join command init printed (token and CA hash), as arguments after <c>kiln</c>.</summary>
    public IReadOnlyList<string> JoinCommand => JoinLine().Match(Init.Out) is { Success: true } m
        ? m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList()
        : throw new InvalidOperationException($"init printed no join command:\n{Init.All}");

    /// <summary>An init config for a real node: cgroup v1 here, so failCgroupV1 is false (kubelet v1.35+ needs it);
    /// ECDSA keys (fast); the pod network the nodes' CNI config takes its ranges from.</summary>
    public static string Config(TestNode node) => $"""
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        localAPIEndpoint:
          advertiseAddress: {node.Address}
        nodeRegistration:
          name: {node.Name}
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        kubernetesVersion: {KubernetesVersion}
        encryptionAlgorithm: ECDSA-P256
        networking:
          podSubnet: 10.244.0.0/16
        ---
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        failCgroupV1: false
        """;

    public async Task InitializeAsync()
    {
        if (NodeCache.MissingReason(KubernetesVersion) is not null)
        {
            return; // the tests skip with the reason
        }

        Network = NodeNetwork.Create();
        Node = await TestNode.StartAsync(Network, 1, KubernetesVersion, PublishedKiln.Path);
        await File.WriteAllTextAsync(Node.HostPath("/root/init.yaml"), Config(Node));
        Init = Node.Exec(TimeSpan.FromMinutes(6), "kiln", "init", "--config", "/root/init.yaml");
    }

    /// <summary>The node as the API server reports it, through the node's address with kiln's admin.conf.</summary>
    public V1Node GetNode(TestNode node) => KubernetesJson.Deserialize<V1Node>(Kubectl("get", "node", node.Name, "-o", "json"));

    public V1PodList KubeSystemPods() => KubernetesJson.Deserialize<V1PodList>(Kubectl("-n", "kube-system", "get", "pods", "-o", "json"));

    string Kubectl(params string[] args)
    {
        var r = Node.Kubectl("/etc/kubernetes/admin.conf", args);
        return r.ExitCode == 0 ? r.Out : throw new InvalidOperationException($"kubectl {string.Join(' ', args)}: {r.All}");
    }

    /// <summary>Polls until <paramref name="done"/> holds; on timeout fails with what it last saw.</summary>
    public static async Task<T> WaitAsync<T>(string what, Func<T> read, Func<T, bool> done, Func<T, string> describe, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        var last = "(nothing read)";
        while (true)
        {
            try
            {
                var value = read();
                if (done(value))
                {
                    return value;
                }

                last = describe(value);
            }
            catch (InvalidOperationException e)
            {
                last = e.Message;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout}; last seen: {last}");
            }

            await Task.Delay(1000);
        }
    }

    public static bool IsReady(V1Node node) => node.Status?.Conditions?.Any(c => Is(c.Type, "Ready") && Is(c.Status, "True")) == true;

    public static bool Is(string? a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        Network?.Dispose();
    }

    [GeneratedRegex(@"^kiln join \S+ --token \S+ --discovery-token-ca-cert-hash sha256:[0-9a-f]{64}\s*$", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JoinLine();
}
