using Kiln.Phases.Workflow;

namespace Kiln.TestKit;

/// <summary>Collects events synchronously, in order (unlike Progress&lt;T&gt;, which posts them later).</summary>
public sealed class RecordingProgress : IProgress<PhaseEvent>
{
    readonly List<PhaseEvent> _events = [];

    public IReadOnlyList<PhaseEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Report(PhaseEvent value)
    {
        lock (_events)
        {
            _events.Add(value);
        }
    }
}
