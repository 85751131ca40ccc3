using Kiln.Phases.Addons;
using Kiln.Phases.Certs;
using Kiln.Phases.Cluster;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Kubelet;
using Kiln.Phases.Live;
using Kiln.Phases.StaticPods;
using Kiln.Phases.Workflow;

namespace Kiln.Phases;

/// <summary>Kiln's workflows, each a list of the shared phase values.</summary>
public static class Workflows
{
    static readonly Dictionary<PhaseId, string> s_groups = new()
    {
        [PhaseId.Parse("certs")] = "Certificate generation",
        [PhaseId.Parse("kubeconfig")] = "Generate all kubeconfig files necessary to establish the control plane and the admin kubeconfig file",
        [PhaseId.Parse("etcd")] = "Generate static Pod manifest file for local etcd",
        [PhaseId.Parse("control-plane")] = "Generate all static Pod manifest files necessary to establish the control plane",
        [PhaseId.Parse("upload-config")] = "Upload the kubeadm and kubelet configuration to a ConfigMap",
        [PhaseId.Parse("kubelet-finalize")] = "Updates settings relevant to the kubelet after TLS bootstrap",
        [PhaseId.Parse("addon")] = "Install required addons for passing conformance tests",
    };

    /// <summary><c>kiln init</c>: the first control-plane node (cmd/kubeadm/app/cmd/init.go).</summary>
    public static Workflow.Workflow Init { get; } = Workflow.Workflow.Create("init",
    [
        PreflightPhase.Init, .. CertsPhases.All, .. KubeConfigPhases.All, StaticPodPhases.EtcdLocal, .. StaticPodPhases.ControlPlane,
        KubeletStartPhase.Definition, WaitControlPlanePhase.Definition, .. UploadConfigPhases.All, UploadCertsPhase.Definition,
        MarkControlPlanePhase.Definition, BootstrapTokenPhase.Definition, FinishPhases.KubeletFinalize,
        CoreDnsAddon.Definition, KubeProxyAddon.Definition, FinishPhases.ShowJoinCommand,
    ], s_groups);

    /// <summary><c>kiln join</c> for a worker: preflight and the kubelet's TLS bootstrap (cmd/kubeadm/app/cmd/join.go, cmd/kubeadm/app/cmd/phases/join/kubelet.go).</summary>
    public static Workflow.Workflow Join { get; } = Workflow.Workflow.Create("join", [Kiln.Phases.Join.JoinPhases.Preflight, Kiln.Phases.Join.JoinPhases.KubeletStart], new Dictionary<PhaseId, string>());
}
