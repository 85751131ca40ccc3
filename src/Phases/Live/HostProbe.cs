using System.Net;
using System.Net.Sockets;

namespace Kiln.Phases.Live;

/// <summary>The host facts preflight reads, behind paths a test can point at fixtures.</summary>
/// <param name="ProcRoot">Where /proc is.</param>
/// <param name="SearchPath">The directories of PATH.</param>
public sealed record HostProbe(string ProcRoot, IReadOnlyList<string> SearchPath)
{
    /// <summary>This host.</summary>
    public static HostProbe System { get; } = new("/proc",
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Processor count (overridable for tests).</summary>
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether the process runs as root (overridable for tests).</summary>
    public bool IsRoot { get; init; } = Environment.IsPrivilegedProcess;

    /// <summary>Where the cgroup hierarchy is mounted.</summary>
    public string CgroupRoot { get; init; } = "/sys/fs/cgroup";

    /// <summary>Whether the host runs the unified cgroup v2 hierarchy (the kubelet's check: <c>cgroup.controllers</c> at its root).</summary>
    public bool CgroupV2 => File.Exists(Path.Combine(CgroupRoot, "cgroup.controllers"));

    /// <summary>A file under /proc, or null when it cannot be read.</summary>
    public string? ReadProc(string relative)
    {
        try
        {
            return File.ReadAllText(Path.Combine(ProcRoot, relative));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public string? Which(string program) =>
        SearchPath.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>Whether a TCP port can be bound on all addresses (nothing listens on it).</summary>
#pragma warning disable CA1822 // an instance member, so a probe can be swapped as a whole
    public bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
#pragma warning restore CA1822
}
