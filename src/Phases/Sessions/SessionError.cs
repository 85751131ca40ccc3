namespace Kiln.Phases.Sessions;

/// <summary>A problem found while preparing a session, before anything runs; each front end words the hint.</summary>
/// <param name="Kind">What is wrong, for the front end's own hint.</param>
/// <param name="Text">What is wrong, in words that name no front end's options.</param>
public sealed record SessionError(SessionErrorKind Kind, string Text)
{
    /// <summary>The text.</summary>
    public override string ToString() => Text;
}
