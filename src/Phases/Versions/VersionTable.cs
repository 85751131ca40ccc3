namespace Kiln.Phases.Versions;

/// <summary>
/// The Kubernetes versions Kiln knows, as data: images per patch range and one row per minor (dates, newest patch,
/// traits). Every statement of the supported range (<c>kiln version</c>, <c>--help</c>, the README, docs/versions.md)
/// comes from here, and a test ties the texts to the table. Adding a patch range is one entry; adding a minor is
/// its row in <see cref="Minors"/>.
/// </summary>
public static class VersionTable
{
    /// <summary>
    /// The day the table was last checked against the releases. Whether a minor is released or end of life is judged
    /// on this day, so Kiln's output does not change with the clock; a newer Kiln moves it.
    /// </summary>
    public static DateOnly AsOf { get; } = new(2026, 12, 2);

    /// <summary>
    /// Image tags per patch range, oldest first: what <c>kubeadm config images list</c> prints for each release
    /// (kubernetes/minikube: pkg/minikube/constants/constants_kubeadm_images.go, generated from the released kubeadm binaries).
    /// </summary>
    public static IReadOnlyList<VersionEntry> Entries { get; } =
    [
        new(KubernetesVersion.Parse("v1.33.0"), "3.5.21-0", "v1.12.0", "3.10"),
        new(KubernetesVersion.Parse("v1.33.6"), "3.5.24-0", "v1.12.0", "3.10"),
        new(KubernetesVersion.Parse("v1.34.0"), "3.6.4-0", "v1.12.1", "3.10.1"),
        new(KubernetesVersion.Parse("v1.34.2"), "3.6.5-0", "v1.12.1", "3.10.1"),
        new(KubernetesVersion.Parse("v1.35.0"), "3.6.6-0", "v1.13.1", "3.10.1"),
        new(KubernetesVersion.Parse("v1.36.0"), "3.6.8-0", "v1.14.2", "3.10.2"),
        new(KubernetesVersion.Parse("v1.37.0"), "3.7.0-0", "v1.14.6", "3.10.2"),
        new(KubernetesVersion.Parse("v1.38.0"), "3.7.1-0", "v1.14.7", "3.10.2"),
    ];

    /// <summary>The minors, oldest first; dates from the release team's schedules (kubernetes/sig-release: releases/release-1.N).</summary>
    public static IReadOnlyList<MinorTraits> Minors { get; } =
    [
        new() { Minor = 33, Released = new(2025, 4, 23), EndOfLife = new(2026, 6, 28), LatestPatch = 6 },
        new() { Minor = 34, Released = new(2025, 8, 27), EndOfLife = new(2026, 10, 28), LatestPatch = 10 },
        new() { Minor = 35, Released = new(2025, 12, 17), EndOfLife = new(2027, 2, 28), LatestPatch = 7 },
        new() { Minor = 36, Released = new(2026, 4, 22), EndOfLife = new(2027, 6, 28), LatestPatch = 3 },
        new() { Minor = 37, Released = new(2026, 8, 26), EndOfLife = new(2027, 10, 28), LatestPatch = 0 },
        new() { Minor = 38, Released = new(2026, 12, 16), EndOfLife = new(2028, 2, 28), LatestPatch = 0 },
    ];

    /// <summary>
    /// Minors that are end of life and no longer accepted, with their end-of-life day: a cluster on one of them is
    /// upgraded with its own kubeadm to the oldest minor here first.
    /// </summary>
    public static IReadOnlyList<(int Minor, DateOnly EndOfLife)> Retired { get; } = [(31, new(2025, 10, 28)), (32, new(2026, 2, 28))];

    /// <summary>The oldest accepted release.</summary>
    public static KubernetesVersion Oldest => Entries[0].From;

    /// <summary>The version used when the config names none: the newest patch of the newest released minor.</summary>
    public static KubernetesVersion Default => Minors.Last(m => m.Released <= AsOf).Latest;

    /// <summary>Human-readable range, <c>v1.33.0 to v1.38.x</c>.</summary>
    public static string SupportedRange => $"{Oldest} to v1.{Minors[^1].Minor}.x";

    /// <summary>The minors that are released and not end of life on <see cref="AsOf"/>, <c>v1.35 to v1.37</c>.</summary>
    public static string InSupportRange
    {
        get
        {
            var live = Minors.Where(m => m.Released <= AsOf && m.EndOfLife > AsOf).ToList();
            return $"{live[0].Line} to {live[^1].Line}";
        }
    }

    /// <summary>Whether Kiln knows the images and flags of this version.</summary>
    public static bool IsSupported(KubernetesVersion v) =>
        v.PreRelease.Length == 0 && v.Major == 1 && v >= Oldest && Minors.Any(m => m.Minor == v.Minor);

    /// <summary>The image entry for a supported version.</summary>
    public static VersionEntry EntryFor(KubernetesVersion v) =>
        IsSupported(v) ? Entries.Last(e => e.From.Minor == v.Minor && e.From <= v)
            : throw new ArgumentOutOfRangeException(nameof(v), v, $"supported: {SupportedRange}");

    /// <summary>The traits of a supported version's minor.</summary>
    public static MinorTraits TraitsFor(KubernetesVersion v) =>
        Minors.FirstOrDefault(m => v.Major == 1 && m.Minor == v.Minor)
            ?? throw new ArgumentOutOfRangeException(nameof(v), v, $"supported: {SupportedRange}");

    /// <summary>
    /// What to tell the user about a version's support on <see cref="AsOf"/>: null while it is supported; a warning when it
    /// is end of life, not released yet, or newer than the newest patch the table knows.
    /// </summary>
    public static string? SupportWarning(KubernetesVersion v)
    {
        var m = TraitsFor(v);
        if (m.EndOfLife <= AsOf)
        {
            return $"Kubernetes {m.Line} is end of life since {m.EndOfLife:yyyy-MM-dd}; upgrade the cluster to a supported minor ({InSupportRange})";
        }

        if (m.Released > AsOf)
        {
            return $"Kubernetes {m.Line} is not released yet (planned for {m.Released:yyyy-MM-dd}); Kiln's {m.Line} images and flags follow its release candidates";
        }

        return v.Patch > m.LatestPatch
            ? $"Kubernetes {v} is newer than the newest {m.Line} patch Kiln knows ({m.Latest}); it uses that patch's images (etcd, CoreDNS, pause)"
            : null;
    }

    /// <summary>For a retired minor, why it is refused and what to do; null for any other version.</summary>
    public static string? RetiredHint(KubernetesVersion v) =>
        v.Major == 1 && Retired.FirstOrDefault(r => r.Minor == v.Minor) is { Minor: > 0 } r
            ? $"Kubernetes v1.{r.Minor} is end of life since {r.EndOfLife:yyyy-MM-dd}; upgrade the cluster to {Minors[0].Line} with kubeadm one minor at a time first, then use Kiln"
            : null;
}
