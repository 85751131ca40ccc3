namespace Kiln.Phases.Config;

/// <summary>The result of loading a file: the config when it could be read, and every finding (errors and warnings).</summary>
public sealed record ConfigLoadResult(KubeadmConfig? Config, IReadOnlyList<ConfigError> Findings, string File, string Text)
{
    /// <summary>Whether any finding is an error.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>The findings rendered with the source lines.</summary>
    public string Render() => ConfigErrorRenderer.Render(Findings, new Dictionary<string, string>(StringComparer.Ordinal) { [File] = Text });
}
