namespace Kiln.Reliability.Tests.Hostile;

/// <summary>One generated input: a name that says how it was made (so a failure reads as a reproduction), and its bytes.</summary>
public sealed record HostileCase(string Name, byte[] Bytes)
{
    public override string ToString() => Name;
}
