namespace Kiln.Tui.Models;

/// <summary>
/// One join field: the JoinConfiguration path the validator reports it under (and any other it covers), its step,
/// label, help, the values offered for it, and a check run on every key press.
/// </summary>
public sealed record JoinField(string Path, JoinStep Step, string Label, string Help, Func<JoinDraft, string> Get, Action<JoinDraft, string> Set)
{
    /// <summary>More validator paths whose findings belong here.</summary>
    public IReadOnlyList<string> AlsoCovers { get; init; } = [];

    /// <summary>Values to offer (F2 cycles through them); the user may still type anything.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The value is a secret: the field shows it masked.</summary>
    public bool Secret { get; init; }

    /// <summary>Shown only for this discovery method (null: always).</summary>
    public string? OnlyFor { get; init; }

    /// <summary>Checks the text as it is typed: what to show under the field, null when there is nothing to say.</summary>
    public Func<string, TypedCheck?>? AsTyped { get; init; }

    /// <summary>Whether a validator finding at <paramref name="field"/> belongs here (list items and sub-fields too).</summary>
    public bool Covers(string field) => AlsoCovers.Prepend(Path).Any(p =>
        string.Equals(field, p, StringComparison.Ordinal) || field.StartsWith(p + ".", StringComparison.Ordinal) || field.StartsWith(p + "[", StringComparison.Ordinal));
}
