namespace Kiln.Phases.Sessions;

/// <summary>What discovery tells the user while it works; each front end words it.</summary>
/// <param name="Kind">What kind of note.</param>
/// <param name="Text">The words, with no secret and no front-end's option names.</param>
public sealed record DiscoveryNote(DiscoveryNoteKind Kind, string Text);
