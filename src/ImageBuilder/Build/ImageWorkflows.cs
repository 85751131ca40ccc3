using Kiln.ImageBuilder.Recipes;
using Kiln.Phases;
using Kiln.Phases.Workflow;

namespace Kiln.ImageBuilder.Build;

/// <summary>The image workflows: the very same phase values as <c>kiln init</c> / <c>kiln join</c>, plus image-only phases.</summary>
public static class ImageWorkflows
{
    static readonly PhaseDefinition s_firstBootControlPlane = FirstBootPhase.For(NodeRole.ControlPlane);
    static readonly PhaseDefinition s_firstBootWorker = FirstBootPhase.For(NodeRole.Worker);

    static readonly Dictionary<PhaseId, string> s_imageGroup = new() { [PhaseId.Parse("image")] = "Image-only steps" };

    public static Workflow ControlPlane { get; } = Workflow.Create("image build (control-plane)",
        [.. Workflows.Init.Phases, s_firstBootControlPlane], new Dictionary<PhaseId, string>(Workflows.Init.Groups.Concat(s_imageGroup)));

    public static Workflow Worker { get; } = Workflow.Create("image build (worker)",
        [.. Workflows.Join.Phases, s_firstBootWorker], new Dictionary<PhaseId, string>(Workflows.Join.Groups.Concat(s_imageGroup)));

    public static Workflow For(NodeRole role) => role == NodeRole.ControlPlane ? ControlPlane : Worker;
}
