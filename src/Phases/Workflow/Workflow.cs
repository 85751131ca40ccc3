namespace Kiln.Phases.Workflow;

/// <summary>
/// An ordered list of phases (kubeadm's init, join, ...), checked once when built: unique ids,
/// non-empty summaries, and every <c>After</c> naming an earlier phase.
/// </summary>
#pragma warning disable MA0049 // kubeadm's name for it; namespaces mirror folders (house style 5.6), so the folder is named after it too
public sealed class Workflow
#pragma warning restore MA0049
{
    Workflow(string name, IReadOnlyList<PhaseDefinition> phases, IReadOnlyDictionary<PhaseId, string> groups)
    {
        Name = name;
        Phases = phases;
        Groups = groups;
    }

    /// <summary>The workflow's name (<c>init</c>).</summary>
    public string Name { get; }

    /// <summary>The phases, in run order.</summary>
    public IReadOnlyList<PhaseDefinition> Phases { get; }

    /// <summary>Summaries of group ids (<c>certs</c>) that have no phase of their own.</summary>
    public IReadOnlyDictionary<PhaseId, string> Groups { get; }

    /// <summary>Builds a workflow, or throws (a bug in Kiln, not user input) naming every problem.</summary>
    public static Workflow Create(string name, IEnumerable<PhaseDefinition> phases, IReadOnlyDictionary<PhaseId, string>? groups = null)
    {
        var list = phases.ToList();
        var problems = new List<string>();
        var seen = new HashSet<PhaseId>();
        foreach (var p in list)
        {
            if (!seen.Add(p.Id))
            {
                problems.Add($"duplicate phase id '{p.Id}'");
            }

            if (string.IsNullOrWhiteSpace(p.Summary))
            {
                problems.Add($"phase '{p.Id}' has no summary");
            }

            problems.AddRange(p.After.Where(a => !seen.Contains(a)).Select(a => $"phase '{p.Id}' must come after '{a}', which is not earlier in the workflow"));
        }

        var groupMap = groups ?? new Dictionary<PhaseId, string>();
        foreach (var group in list.SelectMany(p => p.Id.Ancestors()).Distinct())
        {
            if (!groupMap.ContainsKey(group))
            {
                problems.Add($"group '{group}' has no summary");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"workflow '{name}' is invalid:\n  " + string.Join("\n  ", problems));
        }

        return new Workflow(name, list, groupMap);
    }

    /// <summary>Every id a user may select: each phase and each group.</summary>
    public IReadOnlyList<PhaseId> SelectableIds =>
        Phases.SelectMany(p => p.Id.Ancestors().Append(p.Id)).Distinct().ToList();

    /// <summary>Resolves a selection (kubeadm's filter and --skip-phases) into the phases to plan, or usage errors.</summary>
    public SelectionResult Select(PhaseSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var errors = new List<string>();
        var only = Resolve(selection.Only, errors);
        var skip = Resolve(selection.Skip, errors);
        if (errors.Count > 0)
        {
            return new SelectionResult([], errors);
        }

        var chosen = Phases
            .Where(p => only.Count == 0 || only.Any(o => o.Covers(p.Id)))
            .Select(p => (p, skip.Any(s => s.Covers(p.Id))))
            .ToList();
        return new SelectionResult(chosen, []);
    }

    List<PhaseId> Resolve(IReadOnlyList<string> names, List<string> errors)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var valid = SelectableIds;
        var ids = new List<PhaseId>();
        foreach (var name in names)
        {
            if (PhaseId.TryParse(name, out var id) && valid.Contains(id))
            {
                ids.Add(id);
                continue;
            }

            var closest = Config.Yaml.Suggest.Closest(name, valid.Select(v => v.Value));
            errors.Add($"unknown phase '{name}' in the {Name} workflow{(closest is null ? "" : $"; did you mean '{closest}'?")}"
                + $"\n  valid phases: {string.Join(", ", valid)}");
        }

        return ids;
    }
}
