namespace Kiln.ImageBuilder.Verify;

/// <summary>What verification checked and every difference it found, each naming the path, partition or tool.</summary>
public sealed record VerifyReport(IReadOnlyList<string> Checks, IReadOnlyList<string> Problems);
