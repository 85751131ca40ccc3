namespace Kiln.Tui.Models;

/// <summary>
/// One wizard field: the config path it edits (the same path the validator puts in <c>ConfigError.Field</c>, so an
/// error lands next to its field), its step, label, help, and the values offered for it.
/// </summary>
public sealed record FieldSpec(string Path, WizardStep Step, string Label, string Help, Func<InitDraft, string> Get, Action<InitDraft, string> Set)
{
    /// <summary>Values to offer (F2 cycles through them); the user may still type anything.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Shown only when <see cref="InitDraft.Etcd"/> is external.</summary>
    public bool ExternalEtcdOnly { get; init; }

    /// <summary>Whether a validator finding at <paramref name="field"/> belongs here (list items and sub-fields too).</summary>
    public bool Covers(string field) => string.Equals(field, Path, StringComparison.Ordinal) || field.StartsWith(Path + ".", StringComparison.Ordinal) || field.StartsWith(Path + "[", StringComparison.Ordinal);
}
