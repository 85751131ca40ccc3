using System.Globalization;
using Kiln.Phases.Config;
using Kiln.Phases.Cluster;
using Kiln.Phases.StaticPods;
using Kiln.Phases.Workflow;
using YamlDotNet.RepresentationModel;

namespace Kiln.Phases.Live;

/// <summary>
/// <c>wait-control-plane</c> (cmd/kubeadm/app/cmd/init.go): polls the kubelet's healthz, then the API server's /livez (TLS verified
/// against the cluster CA), and the controller-manager's and scheduler's
/// health endpoints, each within its configured timeout.
/// </summary>
public static class WaitControlPlanePhase
{
    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = LivePhase.Define("wait-control-plane",
        "Wait for the control plane to start", Capabilities.NodeProbe, RunAsync);

    /// <summary>One endpoint to wait for.</summary>
    /// <param name="Component">What answers there.</param>
    /// <param name="Url">The health URL.</param>
    /// <param name="VerifyWithCa">Verify its TLS certificate with the cluster CA (the components' own serving certs are self-signed).</param>
    /// <param name="Timeout">How long to wait.</param>
    public sealed record Endpoint(string Component, string Url, bool VerifyWithCa, TimeSpan Timeout);

    /// <summary>The endpoints for a config, in the order they are waited for.</summary>
    public static IReadOnlyList<Endpoint> Endpoints(KubeadmConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var i = ManifestInputs.For(config);
        var timeouts = i.Init.Timeouts ?? ConfigDefaults.DefaultTimeouts;
        var kubelet = timeouts.KubeletHealthCheck?.Value ?? TimeSpan.FromMinutes(4);
        var components = timeouts.ControlPlaneComponentHealthCheck?.Value ?? TimeSpan.FromMinutes(4);
        var tree = config.Kubelet?.Tree;
        var healthzAddress = Scalar(tree, "healthzBindAddress") ?? "127.0.0.1";
        var healthzPort = Scalar(tree, "healthzPort") ?? "10248";
        var list = new List<Endpoint>
        {
            new("kubelet", $"http://{Host(healthzAddress)}:{healthzPort}/healthz", false, kubelet),
            new("kube-apiserver", $"https://{i.AdvertiseHost}:{i.Port}/livez", true, components),
        };
        var kcm = i.Cluster.ControllerManager.ExtraArgs;
        var scheduler = i.Cluster.Scheduler.ExtraArgs;
        list.Add(new("kube-controller-manager", $"https://{Host(kcm.Last("bind-address") ?? "127.0.0.1")}:{kcm.Last("secure-port") ?? "10257"}/healthz", false, components));
        list.Add(new("kube-scheduler", $"https://{Host(scheduler.Last("bind-address") ?? "127.0.0.1")}:{scheduler.Last("secure-port") ?? "10259"}/livez", false, components));
        return list;
    }

    static string? Scalar(YamlMappingNode? tree, string key) =>
        tree is not null && tree.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { Length: > 0 } s } ? s : null;

    static string Host(string address) => address is "0.0.0.0" ? "127.0.0.1" : address is "::" ? "[::1]" : address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        var live = LivePhase.Require(c);
        var caPath = $"{c.Config.Cluster?.CertificatesDir ?? ConfigDefaults.CertificatesDir}/ca.crt";
        var ca = c.Target.Exists(caPath) ? ClusterCa.Load(c.Target.ReadAllBytes(caPath)) : [];
        foreach (var endpoint in Endpoints(c.Config))
        {
            // the components' own serving certificates are self-signed; the API server's chains to the cluster CA
            using var http = new HttpClient(endpoint.VerifyWithCa ? ClusterCa.Handler(ca) : ClusterCa.TrustAnything()) { Timeout = TimeSpan.FromSeconds(5) };
            var started = c.Clock.GetTimestamp();
            var deadline = c.Clock.GetUtcNow() + endpoint.Timeout;
            string? last = null;
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(endpoint.Url), ct);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }

                    last = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    last = e.Message;
                }
                catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
                {
                    last = $"no answer within 5s ({e.Message})";
                }

                if (c.Clock.GetUtcNow() >= deadline)
                {
                    throw new PhaseException($"{endpoint.Component} is not healthy at {endpoint.Url} after {endpoint.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s: {last}",
                        string.Equals(endpoint.Component, "kubelet", StringComparison.Ordinal)
                            ? "is the kubelet running? `systemctl status kubelet`, `journalctl -xeu kubelet`"
                            : $"check the {endpoint.Component} container: `crictl ps -a | grep {endpoint.Component}`, then `crictl logs CONTAINERID`");
                }

                await Task.Delay(live.PollInterval, c.Clock, ct);
            }

            c.Note($"{endpoint.Component} is healthy after {c.Clock.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s ({endpoint.Url})");
        }
    }
}
