namespace Kiln.Phases.Workflow;

/// <summary>Kinds of <see cref="SkipReason"/>.</summary>
public enum SkipKind
{
    /// <summary>The user's selection left it out.</summary>
    Selection,

    /// <summary>The run does not offer what it needs.</summary>
    MissingCapability,

    /// <summary>The config says so.</summary>
    Config,

    /// <summary>It runs only when a run option asks for it.</summary>
    NotRequested,
}
