namespace Kiln.Phases.Config;

/// <summary>Adds findings located at a document's field paths.</summary>
internal sealed class Checker(ConfigDocument document, ICollection<ConfigError> findings)
{
    public ConfigDocument Document => document;

    public void Error(string path, string message, string? allowed = null, string? hint = null) =>
        findings.Add(new ConfigError(document.Locate(path), path, message, allowed, hint));

    public void SecretError(string path, string message, string? allowed = null, string? hint = null) =>
        findings.Add(new ConfigError(document.Locate(path), path, message, allowed, hint) { Secret = true });

    public void Warn(string path, string message, string? allowed = null, string? hint = null) =>
        findings.Add(new ConfigError(document.Locate(path), path, message, allowed, hint) { Severity = Severity.Warning });
}
