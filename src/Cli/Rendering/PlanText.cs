using System.Text;
using Kiln.Phases.Workflow;

namespace Kiln.Cli.Rendering;

/// <summary>Renders a plan as aligned lines: the phase id, then its summary or why it is skipped.</summary>
public static class PlanText
{
    public static string Render(WorkflowPlan plan)
    {
        var width = plan.Phases.Count == 0 ? 0 : plan.Phases.Max(p => p.Phase.Id.Value.Length);
        var sb = new StringBuilder();
        sb.Append(plan.Workflow.Name).Append(": ").Append(plan.RunCount).Append(" of ").Append(plan.Phases.Count).Append(" phases will run\n");
        foreach (var row in plan.Phases)
        {
            sb.Append("  ").Append(row.Phase.Id.Value.PadRight(width)).Append("  ")
                .Append(row.SkipReason is { } reason ? $"skipped: {SkipText.Render(reason)}" : row.Phase.Summary).Append('\n');
        }

        return sb.ToString();
    }
}
