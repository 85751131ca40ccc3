namespace Kiln.Phases.Certs;

/// <summary>A PEM file could not be read; the message names the file, never its content.</summary>
public sealed class PemFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PemFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PemFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PemFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
