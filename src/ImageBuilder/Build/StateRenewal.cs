namespace Kiln.ImageBuilder.Build;

/// <summary>What <c>kiln image state renew</c> changed, or why it could not: one certificate, its old and new expiry.</summary>
public sealed record StateRenewal(string Name, DateTimeOffset OldNotAfter, DateTimeOffset? NewNotAfter, string? Problem);
