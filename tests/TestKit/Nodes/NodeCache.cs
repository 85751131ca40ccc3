namespace Kiln.TestKit.Nodes;

/// <summary>
/// eng/node-base.sh's cache (docs/testing.md, "Caches outside the repo"): the node base tree and the image archives per
/// kubernetesVersion. <c>KILN_NODE_CACHE</c> overrides the default <c>/var/cache/kiln-node</c>.
/// </summary>
public static class NodeCache
{
    public static string Root => Environment.GetEnvironmentVariable("KILN_NODE_CACHE") is { Length: > 0 } dir ? dir : "/var/cache/kiln-node";

    public static string RootFs => Path.Combine(Root, "rootfs");

    public static string Images(string kubernetesVersion) => Path.Combine(Root, "images", kubernetesVersion);

    /// <summary>Why real nodes cannot run here, or null when they can: for a test's skip reason.</summary>
    public static string? MissingReason(string kubernetesVersion)
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux() || !string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            missing.Add("root on Linux (systemd-nspawn, network namespaces, cgroups)");
        }

        foreach (var tool in (string[])["systemd-nspawn", "nsenter", "ip", "kubectl"])
        {
            if (Which(tool) is null)
            {
                missing.Add($"{tool} on PATH");
            }
        }

        if (!File.Exists(Path.Combine(RootFs, ".recipe")))
        {
            missing.Add($"the node base tree {RootFs} (run eng/node-base.sh; eng/test.sh does)");
        }

        if (!File.Exists(Path.Combine(Images(kubernetesVersion), ".recipe")))
        {
            missing.Add($"the image archives {Images(kubernetesVersion)} (run eng/node-base.sh {kubernetesVersion})");
        }

        return missing.Count == 0 ? null : "real nodes need " + string.Join("; ", missing);
    }

    static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
