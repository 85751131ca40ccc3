namespace Kiln.Tui.Models;

/// <summary>What a field's as-typed check says: a problem, or how far along a well-formed value is.</summary>
public sealed record TypedCheck(bool Ok, string Text)
{
    public override string ToString() => (Ok ? "" : "! ") + Text;
}
