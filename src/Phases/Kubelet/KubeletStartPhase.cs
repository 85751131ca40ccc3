using System.Text;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Kubelet;

/// <summary>
/// <c>kubelet-start</c>: writes the kubelet's config and flags (cmd/kubeadm/app/cmd/phases/init/kubelet.go); on a live node it stops the kubelet
/// first and restarts it after, through the service manager.
/// </summary>
public static class KubeletStartPhase
{
    const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The phase.</summary>
    public static PhaseDefinition Definition { get; } = new(PhaseId.Parse("kubelet-start"),
        "Write kubelet settings and (re)start the kubelet", RunAsync);

    static async Task RunAsync(PhaseContext c, CancellationToken ct)
    {
        if (c.Live is { } live)
        {
            // kubeadm stops the kubelet so it does not crash-loop on a half-written config
            await live.Services.StopAsync("kubelet", ct);
        }

        c.Target.CreateDirectory(KubeletFiles.Dir, DirMode);
        await WriteAsync(c, $"{KubeletFiles.Dir}/kubeadm-flags.env", KubeletFiles.FlagsEnv(c.Config, c.Host), "kubelet flags", ct);
        var (config, applied) = StaticPods.Patches.ApplyToYaml(c.Target, c.Config.Init?.Patches?.Directory, "kubeletconfiguration", KubeletFiles.Config(c.Config, host: c.Host));
        foreach (var p in applied)
        {
            c.Note($"applied patch {p}");
        }

        await WriteAsync(c, $"{KubeletFiles.Dir}/config.yaml", config, "KubeletConfiguration", ct);
        if (KubeletFiles.InstanceConfig(c.Config) is { } instance)
        {
            await WriteAsync(c, $"{KubeletFiles.Dir}/instance-config.yaml", instance, "this node's CRI socket (NodeLocalCRISocket)", ct);
        }

        if (c.Live is { } node)
        {
            await node.Services.RestartAsync("kubelet", ct);
            c.Note("restarted the kubelet");
        }
        else
        {
            c.Note("the kubelet was not restarted: this run writes files only");
        }
    }

    static async Task WriteAsync(PhaseContext c, string path, string text, string summary, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (c.Target.Exists(path) && c.Target.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            c.Reused(path);
            return;
        }

        await c.WriteFileAsync(path, bytes, FileMode, summary, ct);
    }
}
