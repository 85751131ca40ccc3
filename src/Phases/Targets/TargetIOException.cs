namespace Kiln.Phases.Targets;

/// <summary>A write under a target root failed for a reason on the host (a file in the way, a full or read-only disk), in Kiln's words: which path, what was expected, what to do.</summary>
public sealed class TargetIOException : IOException
{
    /// <summary>Creates the exception.</summary>
    public TargetIOException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner) => Hint = hint;

    /// <summary>Creates the exception.</summary>
    public TargetIOException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetIOException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetIOException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetIOException(string message, int hresult)
        : base(message, hresult)
    {
    }

    /// <summary>What the user can do about it.</summary>
    public string? Hint { get; }
}
