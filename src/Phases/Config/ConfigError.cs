namespace Kiln.Phases.Config;

/// <summary>
/// One problem with user input, located at the offending value: what is wrong (with the value),
/// what is allowed (shown under the caret) and how to fix it.
/// </summary>
public sealed record ConfigError(SourceLocation At, string Field, string Message, string? Allowed = null, string? Hint = null)
{
    /// <summary>Error or warning.</summary>
    /// <value>Defaults to <see cref="Severity.Error"/>.</value>
    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>The value is a secret (a token, a key): renderers never quote its source line.</summary>
    public bool Secret { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        Field.Length > 0 ? $"{At}: {Field}: {Message}" : $"{At}: {Message}";
}
