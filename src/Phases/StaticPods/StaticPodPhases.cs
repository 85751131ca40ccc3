using System.Text;
using System.Text.Json.Nodes;
using Kiln.Phases.Certs;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.StaticPods;

/// <summary><c>control-plane/*</c> and <c>etcd/local</c>: the static pod manifests in /etc/kubernetes/manifests (cmd/kubeadm/app/phases/controlplane/manifests.go).</summary>
public static class StaticPodPhases
{
    /// <summary>The manifests directory.</summary>
    public const string ManifestsDir = "/etc/kubernetes/manifests";

    const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The three control-plane phases.</summary>
    public static IReadOnlyList<PhaseDefinition> ControlPlane { get; } =
    [
        Phase("control-plane/apiserver", "Generates the kube-apiserver static Pod manifest", "kube-apiserver", ControlPlaneManifests.ApiServer),
        Phase("control-plane/controller-manager", "Generates the kube-controller-manager static Pod manifest", "kube-controller-manager", ControlPlaneManifests.ControllerManager),
        Phase("control-plane/scheduler", "Generates the kube-scheduler static Pod manifest", "kube-scheduler", ControlPlaneManifests.Scheduler),
    ];

    /// <summary>The local etcd phase; skipped with external etcd.</summary>
    public static PhaseDefinition EtcdLocal { get; } =
        Phase("etcd/local", "Generate the static Pod manifest file for a local, single-node local etcd instance", "etcd", EtcdManifest.Create) with
        {
            SkipReason = c => c.Config.Cluster?.Etcd.External is not null ? SkipReason.ByConfig("external etcd") : null,
        };

    static PhaseDefinition Phase(string id, string summary, string name, Func<ManifestInputs, JsonObject> build) =>
        new(PhaseId.Parse(id), summary, (c, ct) => WriteAsync(c, name, build, ct));

    static async Task WriteAsync(PhaseContext c, string name, Func<ManifestInputs, JsonObject> build, CancellationToken ct)
    {
        var inputs = ManifestInputs.For(c.Config) with
        {
            ExternalCa = !c.Target.Exists($"{PkiInputs.For(c.Config).CertificatesDir}/ca.key"),
            ProxyEnvironment = c.Host?.ProxyEnvironment ?? [],
        };
        var patches = new List<string>();
        var pod = build(inputs);
        var yaml = Encoding.UTF8.GetBytes(ManifestYaml.Write(pod, json =>
        {
            var (patched, applied) = Patches.Apply(c.Target, inputs.Init.Patches?.Directory, name, json);
            patches.AddRange(applied);
            return patched;
        }));
        foreach (var p in patches)
        {
            c.Note($"applied patch {p}");
        }

        var path = $"{ManifestsDir}/{name}.yaml";
        c.Target.CreateDirectory(ManifestsDir, DirMode);
        if (c.Target.Exists(path) && c.Target.ReadAllBytes(path).AsSpan().SequenceEqual(yaml))
        {
            c.Reused(path);
            return;
        }

        // manifests are derived from the config, so a changed one is rewritten (the kubelet restarts the pod)
        await c.WriteFileAsync(path, yaml, PodBuilder.ManifestMode, $"static Pod {name}, image {pod["spec"]!["containers"]![0]!["image"]}", ct);
    }
}
