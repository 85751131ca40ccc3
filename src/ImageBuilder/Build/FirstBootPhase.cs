using System.Text;
using Kiln.ImageBuilder.Recipes;
using Kiln.Phases.Config;
using Kiln.Phases.Workflow;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// <c>image/first-boot</c>: what needs a live node (starting the kubelet, uploading config, the bootstrap token, addons)
/// is deferred, not reimplemented: a systemd unit runs <c>kiln init</c> (or <c>kiln join</c>) once on the node with the
/// image's config, and the phases reuse every file the image already holds.
/// </summary>
public static class FirstBootPhase
{
    public const string ConfigPath = "/etc/kiln/kubeadm.yaml";
    public const string UnitPath = "/etc/systemd/system/kiln-first-boot.service";
    public const string PresetPath = "/etc/systemd/system-preset/80-kiln.preset";
    const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static PhaseDefinition For(NodeRole role) => new(PhaseId.Parse("image/first-boot"),
        "Write the config and the systemd unit that finish the node on its first boot", (c, ct) => RunAsync(c, role, ct))
    {
        Needs = Capabilities.Files | Capabilities.ImageStaging,
    };

    static async Task RunAsync(PhaseContext c, NodeRole role, CancellationToken ct)
    {
        // the config holds the bootstrap token: 0600, like every other secret on the node
        // a worker's file holds only its JoinConfiguration: kiln join reads the cluster's half from the cluster
        var config = role == NodeRole.Worker ? c.Config with { Init = null, Cluster = null } : c.Config;
        await c.WriteFileAsync(ConfigPath, Encoding.UTF8.GetBytes(ConfigPrinter.Write(config)), Private, "the node's kubeadm config (holds the bootstrap token)", ct);
        await c.WriteFileAsync(UnitPath, Encoding.UTF8.GetBytes(Unit(role, c.Target.Exists(ImagePayloadStep.NodePath))), Public, "systemd unit, runs once", ct);
        // systemd applies presets on a node's first boot (empty /etc/machine-id), which enables the unit without a symlink in the image
        await c.WriteFileAsync(PresetPath, "enable kiln-first-boot.service\n"u8.ToArray(), Public, "enables the first-boot unit", ct);
    }

    // the image holds these files on purpose; preflight's "already exists" checks for them are expected to fire
    static readonly string[] s_controlPlaneFiles = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"];
    static readonly string[] s_workerFiles = ["/etc/kubernetes/bootstrap-kubelet.conf", "/etc/kubernetes/pki/ca.crt"];

    static IEnumerable<string> BakedFileChecks(NodeRole role) =>
        (role == NodeRole.ControlPlane ? s_controlPlaneFiles.Select(m => $"/etc/kubernetes/manifests/{m}.yaml") : s_workerFiles)
        .Select(Kiln.Phases.Live.PreflightPhase.FileAvailable);

    /// <summary>The unit; with a payload it imports the images into containerd's k8s.io namespace before kiln starts the kubelet.</summary>
    public static string Unit(NodeRole role, bool payload = false) => $"""
        [Unit]
        Description=Kiln: finish this node on its first boot (the phases that need a live node)
        Wants=network-online.target
        After=network-online.target containerd.service
        ConditionPathExists=!/var/lib/kiln/first-boot.done

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        {(payload ? $"ExecStartPre=/usr/local/bin/kiln images import {ImagePayloadStep.NodePath}\n" : "")}ExecStart=/usr/local/bin/kiln {(role == NodeRole.ControlPlane ? "init" : "join")} --config {ConfigPath} --ignore-preflight-errors {string.Join(',', BakedFileChecks(role))}
        ExecStartPost=/usr/bin/mkdir -p /var/lib/kiln
        ExecStartPost=/usr/bin/touch /var/lib/kiln/first-boot.done

        [Install]
        WantedBy=multi-user.target

        """;
}
