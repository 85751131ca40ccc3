namespace Kiln.Phases.Workflow;

/// <summary>An expected failure of a phase (a missing input, a file that contradicts the config), with a hint.</summary>
public sealed class PhaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PhaseException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner) => Hint = hint;

    /// <summary>Creates the exception.</summary>
    public PhaseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PhaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PhaseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>What the user can do about it.</summary>
    public string? Hint { get; }
}
