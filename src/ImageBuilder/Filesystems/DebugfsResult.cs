namespace Kiln.ImageBuilder.Filesystems;

/// <summary>What a <c>debugfs -f</c> script printed, and the complaints it made on stderr.</summary>
/// <param name="Out">Standard output: each command echoed as <c>debugfs: COMMAND</c>, then its output.</param>
/// <param name="Problems">The stderr lines other than the version banner: debugfs exits 0 after a failed command, so these are the failures.</param>
public sealed record DebugfsResult(string Out, IReadOnlyList<string> Problems);
