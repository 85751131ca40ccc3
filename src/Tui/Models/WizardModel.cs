using Kiln.Phases.Config;

namespace Kiln.Tui.Models;

/// <summary>
/// The wizard's state: the draft, the current step, and the findings of the CLI's own validator placed at their
/// fields. Next validates and moves on only when the current step has no error; Back never loses what was typed.
/// </summary>
public sealed class WizardModel
{
    readonly KubeadmConfig _base;
    readonly HostFacts? _host;
    List<ConfigError> _findings = [];
    KubeadmConfig? _config;
    bool _shown;

    public WizardModel(KubeadmConfig baseConfig, HostFacts? host, HostChoices choices)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        _base = baseConfig;
        _host = host;
        Draft = InitDraft.From(baseConfig);
        Fields = WizardFields.For(choices);
    }

    public InitDraft Draft { get; }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public static IReadOnlyList<WizardStep> Steps { get; } = Enum.GetValues<WizardStep>();

    public WizardStep Step { get; private set; } = WizardStep.Node;

    public int StepNumber => (int)Step + 1;

    public static string TitleOf(WizardStep step) => step switch
    {
        WizardStep.Node => "Node",
        WizardStep.Cluster => "Cluster",
        WizardStep.Certificates => "Certificates",
        WizardStep.Etcd => "Etcd",
        _ => "Review",
    };

    /// <summary>The fields of a step that apply now (external etcd files only with external etcd).</summary>
    public IReadOnlyList<FieldSpec> FieldsOf(WizardStep step) =>
        [.. Fields.Where(f => f.Step == step && (!f.ExternalEtcdOnly || string.Equals(Draft.Etcd.Trim(), InitDraft.ExternalEtcd, StringComparison.Ordinal)))];

    /// <summary>The findings of the last validation, once Next has been pressed.</summary>
    public IReadOnlyList<ConfigError> Findings => _shown ? _findings : [];

    /// <summary>The finding shown at a field: its first error, else its first warning.</summary>
    public ConfigError? FindingFor(FieldSpec field) =>
        Findings.Where(f => OwnerOf(f.Field) == field).OrderBy(f => f.Severity).FirstOrDefault();

    /// <summary>Findings that belong to no wizard field (settings only the config file has); shown on the review step.</summary>
    public IReadOnlyList<ConfigError> Unplaced => [.. Findings.Where(f => OwnerOf(f.Field) is null)];

    /// <summary>One line for a finding: the message, what is allowed, and the hint.</summary>
    public static string Describe(ConfigError finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return (finding.Severity == Severity.Warning ? "warning: " : "") + finding.Message
            + (finding.Allowed is null ? "" : $" (allowed: {finding.Allowed})")
            + (finding.Hint is null ? "" : $"; hint: {finding.Hint}");
    }

    /// <summary>The config as it stands, defaulted; null only before the first validation.</summary>
    public KubeadmConfig Config => _config ?? Validate();

    /// <summary>Builds the config from the draft and runs the CLI's validator over it.</summary>
    public KubeadmConfig Validate()
    {
        var findings = new List<ConfigError>();
        var config = Draft.Apply(_base, _host, findings);
        ConfigValidator.Validate(config, findings);
        InitConfigFile.CheckIdentity(config, thisMachine: _host is not null, SourceLocation.OfFile("(host)"), findings, Hint);

        _findings = findings;
        _config = config;
        return config;
    }

    /// <summary>How to set an identity field in the wizard.</summary>
    public static string? Hint(string field) => field switch
    {
        InitConfigFile.AdvertiseAddressField => "type this node's address",
        InitConfigFile.NodeNameField => "type this node's name",
        _ => null,
    };

    /// <summary>Validates and shows the findings at once: a loaded file's errors are there before the first Next.</summary>
    public void Reveal()
    {
        Validate();
        _shown = true;
    }

    /// <summary>Whether the config has no error at all (warnings are fine).</summary>
    public bool IsValid => _findings.All(f => f.Severity != Severity.Error);

    /// <summary>
    /// Validates; moves to the next step when this step's fields have no error. On the review step it returns true
    /// only when the whole config is valid; an error on an earlier step's field moves back to that step.
    /// </summary>
    public bool Next()
    {
        Validate();
        _shown = true;
        var errors = _findings.Where(f => f.Severity == Severity.Error).ToList();
        if (Step == WizardStep.Review)
        {
            if (errors.Count == 0)
            {
                return true;
            }

            var first = errors.Select(e => OwnerOf(e.Field)).FirstOrDefault(f => f is not null);
            if (first is not null)
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

    /// <summary>Goes back one step; the draft keeps every value.</summary>
    public bool Back()
    {
        if (Step == WizardStep.Node)
        {
            return false;
        }

        Step--;
        return true;
    }

    /// <summary>The YAML Kiln will use, as saved by "save as".</summary>
    public string Yaml => ConfigPrinter.Write(Config with { Join = null, Reset = null, Upgrade = null });

    /// <summary>The YAML for the screen: bootstrap tokens and the certificate key are secrets and never shown.</summary>
    public string ScreenYaml => YamlRedaction.Redact(Yaml);

    FieldSpec? OwnerOf(string field) =>
        Fields.Where(f => f.Covers(field)).OrderByDescending(f => f.Path.Length).FirstOrDefault();
}
