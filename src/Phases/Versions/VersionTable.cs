namespace Kiln.Phases.Versions;

/// <summary>
/// The supported Kubernetes versions, as data: images per patch range and traits per minor.
/// Adding a version is one entry here.
/// </summary>
public static class VersionTable
{
    /// <summary>Image tags per patch range, oldest first (reference §3.2).</summary>
    public static IReadOnlyList<VersionEntry> Entries { get; } =
    [
        new(KubernetesVersion.Parse("v1.31.0"), "3.5.15-0", "v1.11.1", "3.10"),
        new(KubernetesVersion.Parse("v1.31.1"), "3.5.15-0", "v1.11.3", "3.10"),
        new(KubernetesVersion.Parse("v1.31.14"), "3.5.24-0", "v1.11.3", "3.10"),
        new(KubernetesVersion.Parse("v1.32.0"), "3.5.16-0", "v1.11.3", "3.10"),
        new(KubernetesVersion.Parse("v1.32.10"), "3.5.24-0", "v1.11.3", "3.10"),
        new(KubernetesVersion.Parse("v1.33.0"), "3.5.21-0", "v1.12.0", "3.10"),
        new(KubernetesVersion.Parse("v1.33.6"), "3.5.24-0", "v1.12.0", "3.10"),
        new(KubernetesVersion.Parse("v1.34.0"), "3.6.4-0", "v1.12.1", "3.10.1"),
        new(KubernetesVersion.Parse("v1.34.2"), "3.6.5-0", "v1.12.1", "3.10.1"),
    ];

    /// <summary>Per-minor differences (reference §3, §4, §11).</summary>
    public static IReadOnlyList<MinorTraits> Minors { get; } =
    [
        new() { Minor = 31 },
        new() { Minor = 32, CoreDnsCacheBlock = true },
        new() { Minor = 33, CoreDnsCacheBlock = true, WaitForAllControlPlaneComponents = true, ControlPlaneKubeletLocalMode = true },
        new()
        {
            Minor = 34, Etcd36 = true, CoreDnsCacheBlock = true, NamedProbePort = true, NodeLocalCriSocket = true,
            WaitForAllControlPlaneComponents = true, ControlPlaneKubeletLocalMode = true,
            EncryptionAlgorithms = ["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"],
        },
    ];

    /// <summary>The oldest supported release.</summary>
    public static KubernetesVersion Oldest => Entries[0].From;

    /// <summary>The version used when the config names none: the newest minor's first release, as kubeadm prints it.</summary>
    public static KubernetesVersion Default => Entries.Last(e => e.From.Patch == 0).From;

    /// <summary>Human-readable range, <c>v1.31.0 to v1.34.x</c>.</summary>
    public static string SupportedRange => $"{Oldest} to v{Default.Major}.{Minors[^1].Minor}.x";

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
}
