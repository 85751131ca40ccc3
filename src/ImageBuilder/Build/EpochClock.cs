namespace Kiln.ImageBuilder.Build;

/// <summary>A clock stopped at the build's epoch (SOURCE_DATE_EPOCH): certificates' notBefore and every event time come from it.</summary>
public sealed class EpochClock(long epoch) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(epoch);
}
