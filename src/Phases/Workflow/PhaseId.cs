using System.Text.RegularExpressions;

namespace Kiln.Phases.Workflow;

/// <summary>
/// A phase's public name: lowercase kebab-case segments joined by '/', as kubeadm names phases
/// (<c>certs/apiserver</c>, <c>addon/kube-proxy</c>). Renaming one is a breaking change.
/// </summary>
public readonly partial record struct PhaseId
{
    PhaseId(string value) => Value = value;

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>Parses and checks the id grammar; throws for ids written in code.</summary>
    public static PhaseId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a phase id (lowercase kebab-case segments joined by '/')");

    /// <summary>Parses user input.</summary>
    public static bool TryParse(string? text, out PhaseId id)
    {
        id = default;
        if (text is null || !Grammar().IsMatch(text))
        {
            return false;
        }

        id = new PhaseId(text);
        return true;
    }

    /// <summary>The group this phase belongs to (<c>certs</c> for <c>certs/apiserver</c>), or null at the top.</summary>
    public PhaseId? Parent => Value.LastIndexOf('/') is > 0 and var cut ? new PhaseId(Value[..cut]) : null;

    /// <summary>The ids of every group above this one, outermost first.</summary>
    public IEnumerable<PhaseId> Ancestors()
    {
        for (var cut = Value.IndexOf('/', StringComparison.Ordinal); cut > 0; cut = Value.IndexOf('/', cut + 1))
        {
            yield return new PhaseId(Value[..cut]);
        }
    }

    /// <summary>Whether this id is <paramref name="other"/> or a group that contains it.</summary>
    public bool Covers(PhaseId other) => string.Equals(other.Value, Value, StringComparison.Ordinal) || other.Value.StartsWith(Value + "/", StringComparison.Ordinal);

    /// <summary>The last segment (<c>apiserver</c> for <c>certs/apiserver</c>).</summary>
    public string Leaf => Value[(Value.LastIndexOf('/') + 1)..];

    /// <inheritdoc />
    public override string ToString() => Value ?? "";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Grammar();
}
