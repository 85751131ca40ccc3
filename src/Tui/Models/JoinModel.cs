using Kiln.Phases.Config;
using Kiln.Phases.Config.Model;

namespace Kiln.Tui.Models;

/// <summary>
/// The join screens' state: the draft, the step, and the findings of <c>kiln join</c>'s own validator placed at
/// their fields. Next moves on only when this step's fields have no error; Back never loses what was typed.
/// </summary>
public sealed class JoinModel
{
    readonly HostFacts? _host;
    readonly string _workingDirectory;
    List<ConfigError> _findings = [];
    JoinConfiguration? _join;
    bool _shown;

    public JoinModel(HostFacts? host, HostChoices choices, string workingDirectory)
    {
        _host = host;
        _workingDirectory = workingDirectory;
        Fields = JoinFields.For(choices);
        var defaults = ConfigDefaults.Join(new JoinConfiguration(), host);
        Draft = new JoinDraft { NodeName = defaults.NodeRegistration.Name ?? "", CriSocket = defaults.NodeRegistration.CriSocket ?? "" };
    }

    public JoinDraft Draft { get; }

    public IReadOnlyList<JoinField> Fields { get; }

    public static IReadOnlyList<JoinStep> Steps { get; } = Enum.GetValues<JoinStep>();

    public JoinStep Step { get; private set; } = JoinStep.Discovery;

    public int StepNumber => (int)Step + 1;

    /// <summary>Problems the join session found that no field owns (shown on the review step; Run stays there).</summary>
    public IReadOnlyList<string> SessionProblems { get; set; } = [];

    public static string TitleOf(JoinStep step) => step switch
    {
        JoinStep.Discovery => "Discovery",
        JoinStep.Node => "Node",
        _ => "Review",
    };

    /// <summary>The fields of a step that apply to the chosen discovery method.</summary>
    public IReadOnlyList<JoinField> FieldsOf(JoinStep step) =>
        [.. Fields.Where(f => f.Step == step && (f.OnlyFor is null || string.Equals(f.OnlyFor, Draft.ByFile ? JoinDraft.FileDiscovery : JoinDraft.TokenDiscovery, StringComparison.Ordinal)))];

    public IReadOnlyList<ConfigError> Findings => _shown ? _findings : [];

    public ConfigError? FindingFor(JoinField field) =>
        Findings.Where(f => OwnerOf(f.Field) == field).OrderBy(f => f.Severity).ThenBy(f => !field.Covers(f.Field) || !f.Field.StartsWith(field.Path, StringComparison.Ordinal))
            .FirstOrDefault();

    public IReadOnlyList<ConfigError> Unplaced => [.. Findings.Where(f => OwnerOf(f.Field) is null)];

    /// <summary>The JoinConfiguration as it stands, defaulted.</summary>
    public JoinConfiguration Join => _join ?? Validate();

    /// <summary>Builds the JoinConfiguration and runs the validator <c>kiln join</c> runs over it.</summary>
    public JoinConfiguration Validate()
    {
        var findings = new List<ConfigError>();
        var join = Draft.Apply(_host, _workingDirectory, findings);
        ConfigValidator.Validate(new KubeadmConfig { Join = join }, findings);
        _findings = findings;
        _join = join;
        return join;
    }

    public bool IsValid => _findings.All(f => f.Severity != Severity.Error);

    /// <summary>Validates; moves on when this step's fields have no error. On the review step, true when all is valid.</summary>
    public bool Next()
    {
        Validate();
        _shown = true;
        var errors = _findings.Where(f => f.Severity == Severity.Error).ToList();
        if (Step == JoinStep.Review)
        {
            if (errors.Count == 0)
            {
                return true;
            }

            if (errors.Select(e => OwnerOf(e.Field)).FirstOrDefault(f => f is not null) is { } first)
            {
                Step = first.Step;
            }

            return false;
        }

        if (errors.Any(e => OwnerOf(e.Field) is { } f && f.Step <= Step))
        {
            return false;
        }

        Step++;
        return true;
    }

    public bool Back()
    {
        if (Step == JoinStep.Discovery)
        {
            return false;
        }

        Step--;
        return true;
    }

    /// <summary>The YAML of the JoinConfiguration, as "save as" writes it (with the real token).</summary>
    public string Yaml => ConfigPrinter.Write(new KubeadmConfig { Join = Join });

    /// <summary>The YAML for the screen: the tokens are secrets and never shown.</summary>
    public string ScreenYaml => YamlRedaction.Redact(Yaml);

    JoinField? OwnerOf(string field) =>
        Fields.Where(f => f.Covers(field)).OrderByDescending(f => f.Path.Length).FirstOrDefault();
}
