using Kiln.Phases.Certs;
using Kiln.Phases.KubeConfig;
using Kiln.Phases.Kubelet;
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
    };

    /// <summary><c>kiln init</c>: the first control-plane node (kubeadm.md §9.1).</summary>
    public static Workflow.Workflow Init { get; } = Workflow.Workflow.Create("init", [.. CertsPhases.All, .. KubeConfigPhases.All, StaticPodPhases.EtcdLocal, .. StaticPodPhases.ControlPlane, KubeletStartPhase.Definition], s_groups);
}
