using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;
using Kiln.Phases.Workflow;
using Kiln.Tui.Models;

namespace Kiln.Tui.Views;

/// <summary>What the run screen runs: the workflow's name, its target and plan, the run itself, and the words at the end.</summary>
/// <param name="Verb">"init" or "join", for the heading.</param>
/// <param name="Target">"this node" or the --rootfs directory.</param>
/// <param name="Plan">The plan the run follows.</param>
/// <param name="Run">Runs it: phase events, and notes (discovery's) as log lines.</param>
/// <param name="DoneHeading">The heading once it succeeded.</param>
/// <param name="Success">The lines once it succeeded (a failure shows its error and hint instead).</param>
internal sealed record RunSpec(string Verb, string Target, WorkflowPlan Plan,
    Func<IProgress<PhaseEvent>, IProgress<string>, CancellationToken, Task<WorkflowResult>> Run, string DoneHeading, IReadOnlyList<string> Success)
{
    public static RunSpec Init(TuiOptions options, KubeadmConfig config) =>
        new("init", options.Runner.Target, options.Runner.Plan(config), (events, _, ct) => options.Runner.RunAsync(config, events, ct),
            "Done: this node is set up", RunModel.InitSuccess(config.Cluster?.CertificatesDir, options.FilesOnly));

    public static RunSpec Join(TuiOptions options, IJoinRunner runner, JoinConfiguration join)
    {
        var name = join.NodeRegistration.Name ?? "this node";
        IReadOnlyList<string> success = options.FilesOnly
            ?
            [
                $"The kubelet files of {name} are in place (bootstrap-kubelet.conf, config.yaml, kubeadm-flags.env, ca.crt).",
                "Next, on the node: systemctl enable --now kubelet; it asks the cluster for its certificate with the token.",
                "Then 'kubectl get nodes' on a control-plane node shows it.",
            ]
            :
            [
                $"This node has joined the cluster as {name}: the kubelet has its own certificate.",
                "'kubectl get nodes' on a control-plane node shows it.",
            ];
        return new("join", runner.Target, runner.Plan(join), (events, notes, ct) => runner.RunAsync(join, events, notes, ct),
            options.FilesOnly ? "Done: the node's files are written" : "Done: this node has joined", success);
    }
}
