using Kiln.Phases.Workflow;

namespace Kiln.Cli.Rendering;

/// <summary>A skip reason in the CLI's words: the kinds that stand for a flag name the flag.</summary>
public static class SkipText
{
    public static string Render(SkipReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Kind switch
        {
            SkipKind.Selection => "listed in --skip-phases",
            SkipKind.NotRequested => $"runs only with --{reason.Option}",
            _ => reason.Text,
        };
    }
}
