using System.Globalization;
using System.Text.RegularExpressions;

namespace Kiln.Phases.Versions;

/// <summary>A Kubernetes release version (<c>v1.34.2</c>); pre-release suffixes are kept but not supported.</summary>
public readonly partial record struct KubernetesVersion(int Major, int Minor, int Patch, string PreRelease = "") : IComparable<KubernetesVersion>
{
    /// <summary>Parses <c>v1.34.2</c> or <c>1.34.2</c>.</summary>
    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = default;
        var m = Pattern().Match(text ?? "");
        if (!m.Success)
        {
            return false;
        }

        version = new KubernetesVersion(
            int.Parse(m.Groups["major"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["minor"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["patch"].Value, CultureInfo.InvariantCulture),
            m.Groups["pre"].Value);
        return true;
    }

    /// <summary>Parses or throws; for versions from Kiln's own tables.</summary>
    public static KubernetesVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a Kubernetes version");

    /// <summary>The minor line, <c>v1.34</c>.</summary>
    public string MinorLine => $"v{Major}.{Minor}";

    /// <inheritdoc />
    public int CompareTo(KubernetesVersion other)
    {
        var c = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (c != 0 || string.Equals(PreRelease, other.PreRelease, StringComparison.Ordinal))
        {
            return c;
        }

        // a release sorts after its pre-releases
        return PreRelease.Length == 0 ? 1 : other.PreRelease.Length == 0 ? -1 : string.CompareOrdinal(PreRelease, other.PreRelease);
    }

    /// <summary>Compares versions.</summary>
    public static bool operator <(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) < 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) > 0;

    /// <summary>Compares versions.</summary>
    public static bool operator <=(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) <= 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >=(KubernetesVersion a, KubernetesVersion b) => a.CompareTo(b) >= 0;

    /// <summary><c>v1.34.2</c>.</summary>
    public override string ToString() => $"v{Major}.{Minor}.{Patch}{(PreRelease.Length > 0 ? "-" + PreRelease : "")}";

    [GeneratedRegex(@"^v?(?<major>\d+)\.(?<minor>\d+)\.(?<patch>\d+)(?:-(?<pre>[0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
