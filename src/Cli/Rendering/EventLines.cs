using Kiln.Phases.Workflow;

namespace Kiln.Cli.Rendering;

/// <summary>Writes phase events as plain lines, one per event (<see cref="PhaseEventText"/>).</summary>
public sealed class EventLines(TextWriter output) : IProgress<PhaseEvent>
{
    readonly Lock _lock = new();

    /// <summary>Say "would write" instead of "wrote".</summary>
    public bool DryRun { get; init; }

    public void Report(PhaseEvent value)
    {
        var line = Format(value);
        lock (_lock)
        {
            output.WriteLine(line);
        }
    }

    public string Format(PhaseEvent e) => PhaseEventText.Format(e, DryRun, SkipText.Render);
}
