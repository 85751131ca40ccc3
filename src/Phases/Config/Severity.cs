namespace Kiln.Phases.Config;

/// <summary>How serious a config finding is: kubeadm rejects errors and prints warnings.</summary>
public enum Severity
{
    /// <summary>The config is rejected.</summary>
    Error,

    /// <summary>The config is used, and the user is told.</summary>
    Warning,
}
