using System.Globalization;
using Kiln.Phases.Cluster;
using Kiln.Phases.Config;
using Kiln.Phases.Net;
using Kiln.Phases.StaticPods;
using Kiln.Phases.Workflow;

namespace Kiln.Phases.Live;

/// <summary>
/// <c>preflight</c> (cmd/kubeadm/app/preflight/checks.go): kubeadm's checks for this node, each with kubeadm's name. Errors stop the run unless
/// listed in <c>--ignore-preflight-errors</c> (or <c>all</c>), which turns them into warnings.
/// </summary>
public static class PreflightPhase
{
    static readonly string[] s_requiredBinaries = ["ip", "iptables", "mount", "nsenter"];
    static readonly string[] s_optionalBinaries = ["ethtool", "tc", "touch"];

    /// <summary>The init phase.</summary>
    public static PhaseDefinition Init { get; } = LivePhase.Define("preflight", "Run pre-flight checks", Capabilities.NodeProbe, (c, ct) => RunAsync(c, InitChecksAsync, ct));

    /// <summary>The findings of the init checks.</summary>
    public static async Task<IReadOnlyList<PreflightFinding>> InitChecksAsync(PhaseContext c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        var live = LivePhase.Require(c);
        var probe = live.Probe;
        var i = ManifestInputs.For(c.Config);
        var findings = new List<PreflightFinding>();
        if (!probe.IsRoot)
        {
            findings.Add(new("IsPrivilegedUser", "user is not running as root", true));
        }

        if (probe.ProcessorCount < 2)
        {
            findings.Add(new("NumCPU", $"the number of available CPUs {probe.ProcessorCount} is less than the required 2", true));
        }

        if (MemTotalMb(probe) is { } mem && mem < 1700)
        {
            findings.Add(new("Mem", $"the system RAM ({mem} MB) is less than the minimum 1700 MB", true));
        }

        if (i.Traits.RefusesCgroupV1 && !probe.CgroupV2)
        {
            // kubelet v1.35 refuses cgroup v1 unless failCgroupV1 is false (#134298); kubeadm's SystemVerification errors (#134744)
            var allowed = c.Config.Kubelet?.Tree is { } kubelet && kubelet.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("failCgroupV1"), out var v)
                && v is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "false" };
            findings.Add(new("SystemVerification", allowed
                ? $"the host uses cgroup v1, which kubelet {i.Version.MinorLine} supports only because the KubeletConfiguration sets failCgroupV1: false; move the host to cgroup v2"
                : $"the host uses cgroup v1, which kubelet {i.Version.MinorLine} refuses: move the host to cgroup v2 (systemd.unified_cgroup_hierarchy=1), or set failCgroupV1: false in the KubeletConfiguration", !allowed));
        }

        var ports = new List<int> { i.Port, 10259, 10257 };
        if (i.Cluster.Etcd.External is null)
        {
            ports.AddRange([2379, 2380]);
        }

        foreach (var manifest in (string[])["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"])
        {
            var path = $"/etc/kubernetes/manifests/{manifest}.yaml";
            if (c.Target.Exists(path))
            {
                findings.Add(new(FileAvailable(path), $"{c.Target.Describe(path)} already exists", true));
            }
        }

        if (i.Cluster.Etcd.External is null)
        {
            var dataDir = i.Cluster.Etcd.Local?.DataDir ?? "/var/lib/etcd";
            if (c.Target.HasEntries(dataDir))
            {
                findings.Add(new("DirAvailable-" + dataDir.Replace('/', '-'), $"{c.Target.Describe(dataDir)} is not empty", true));
            }
        }

        var forwarding = i.Advertise.Contains(':', StringComparison.Ordinal) ? "sys/net/ipv6/conf/default/forwarding" : "sys/net/ipv4/ip_forward";
        if (probe.ReadProc(forwarding)?.Trim() is { } value && !string.Equals(value, "1", StringComparison.Ordinal))
        {
            findings.Add(new("FileContent--proc-" + forwarding.Replace('/', '-'), $"/proc/{forwarding} contents are not set to 1", true));
        }

        var proxies = c.Host?.ProxyEnvironment ?? [];
        if (ProxyFor(proxies, i.Advertise) is { } proxy)
        {
            findings.Add(new("HTTPProxy", $"connection to \"https://{i.AdvertiseHost}:{i.Port}\" uses proxy \"{proxy}\"; if that is not intended, add {i.Advertise} to NO_PROXY", false));
        }

        foreach (var subnet in new[] { i.Cluster.Networking.ServiceSubnet, i.Cluster.Networking.PodSubnet }.OfType<string>().SelectMany(s => s.Split(',', StringSplitOptions.TrimEntries)))
        {
            if (NetParse.TryParseCidr(subnet, out var cidr, out _) && ProxyFor(proxies, cidr.Nth(1).ToString()) is { } p)
            {
                findings.Add(new("HTTPProxyCIDR", $"connection to \"{subnet}\" uses proxy \"{p}\"; pods and services would be reached through it: add {subnet} to NO_PROXY", false));
            }
        }

        findings.AddRange(await CommonChecksAsync(c, live, i.NodeName, i.Init.NodeRegistration.CriSocket, ports, ct));
        return findings;
    }

    /// <summary>The HTTPS proxy a connection to <paramref name="address"/> would use under these variables, or null (NO_PROXY: exact hosts, CIDRs, <c>*</c>).</summary>
    public static string? ProxyFor(IReadOnlyList<KeyValuePair<string, string>> environment, string address)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment.LastOrDefault(e => string.Equals(e.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (Get("https_proxy") is not { Length: > 0 } proxy)
        {
            return null;
        }

        var ip = System.Net.IPAddress.TryParse(address, out var parsed) ? parsed : null;
        foreach (var entry in (Get("no_proxy") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(entry, "*", StringComparison.Ordinal) || string.Equals(entry, address, StringComparison.OrdinalIgnoreCase)
                || (ip is not null && System.Net.IPNetwork.TryParse(entry, out var network) && network.Contains(ip)))
            {
                return null;
            }
        }

        return proxy;
    }

    /// <summary>The checks init and join share (cmd/kubeadm/app/preflight/checks.go).</summary>
    public static async Task<IReadOnlyList<PreflightFinding>> CommonChecksAsync(PhaseContext c, LiveNode live, string nodeName, string? criSocket, IEnumerable<int> ports, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(live);
        var probe = live.Probe;
        var findings = new List<PreflightFinding>();
        foreach (var port in ports.Append(10250).Distinct())
        {
            if (!probe.PortIsFree(port))
            {
                findings.Add(new($"Port-{port}", $"Port {port} is in use", true));
            }
        }

        var socket = (criSocket ?? ConfigDefaults.CriSocket).Replace("unix://", "", StringComparison.Ordinal);
        if (!File.Exists(socket))
        {
            findings.Add(new("CRI", $"container runtime is not running: no socket at {socket}", true));
        }
        else if (Versions.KubernetesVersion.TryParse(c.Config.Cluster?.KubernetesVersion, out var version) && Versions.VersionTable.IsSupported(version)
            && Versions.VersionTable.TraitsFor(version) is { ChecksCriRuntimeConfig: true } traits)
        {
            findings.AddRange(await RuntimeConfigAsync(socket, version, traits.CriRuntimeConfigRequired, ct));
        }

        if (probe.ReadProc("swaps") is { } swaps && swaps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1)
        {
            findings.Add(new("Swap", "swap is supported for cgroup v2 only; the kubelet must be configured for it (failSwapOn, memorySwap)", false));
        }

        foreach (var (binary, required) in s_requiredBinaries.Select(b => (b, true)).Concat(s_optionalBinaries.Select(b => (b, false))))
        {
            if (probe.Which(binary) is null)
            {
                findings.Add(new($"FileExisting-{binary}", $"{binary} not found in system path", required));
            }
        }

        if (!NetParse.IsDns1123Subdomain(nodeName))
        {
            findings.Add(new("Hostname", $"node name \"{nodeName}\" is not a valid DNS-1123 subdomain", true));
        }

        if (!await live.Services.IsEnabledAsync("kubelet", ct))
        {
            findings.Add(new("Service-Kubelet", "kubelet service is not enabled, please run 'systemctl enable kubelet.service'", false));
        }

        return findings;
    }

    /// <summary>How long preflight waits for the runtime's answer.</summary>
    public static TimeSpan CriTimeout { get; } = TimeSpan.FromSeconds(10);

    // kubeadm v1.35+ asks the runtime for its cgroup driver through the CRI RuntimeConfig call, which the kubelet relies on
    // since KubeletCgroupDriverFromCRI went GA: a runtime without it (containerd before 2.0) is a warning, and an error from
    // v1.38 (#134906, #135923)
    static async Task<IReadOnlyList<PreflightFinding>> RuntimeConfigAsync(string socket, Versions.KubernetesVersion version, bool required, CancellationToken ct)
    {
        var answer = await CriRuntimeConfig.QueryAsync(socket, CriTimeout, ct);
        if (answer.Unreachable)
        {
            return [new("CRI", $"container runtime is not running: {socket}: {answer.Error}", true)];
        }

        if (answer.CgroupDriver is not null)
        {
            return [];
        }

        var consequence = required
            ? $"kubelet {version.MinorLine} needs it to learn the cgroup driver"
            : $"kubelet {version.MinorLine} falls back to the KubeletConfiguration's cgroupDriver, and from v1.38 preflight refuses such a runtime";
        return [new("ContainerRuntimeVersion",
            $"the container runtime at {socket} {(answer.Unimplemented ? "does not implement" : "failed")} the CRI RuntimeConfig call ({answer.Error}); {consequence}: upgrade it (containerd 2.0 or newer)",
            required)];
    }

    /// <summary>Reports findings: warnings as notes, ignored errors as warnings; throws when errors remain.</summary>
    public static void Report(PhaseContext c, IReadOnlyList<PreflightFinding> findings, IReadOnlySet<string> ignored)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(ignored);
        var all = ignored.Contains("all");
        var errors = new List<PreflightFinding>();
        foreach (var f in findings)
        {
            if (f.IsError && !all && !ignored.Contains(f.Check.ToLowerInvariant()))
            {
                errors.Add(f);
            }
            else
            {
                c.Note($"[WARNING {f.Check}]: {f.Message}");
            }
        }

        if (errors.Count > 0)
        {
            throw new PhaseException(
                "some fatal errors occurred:\n" + string.Join('\n', errors.Select(e => $"\t[ERROR {e.Check}]: {e.Message}")),
                $"to ignore a check: --ignore-preflight-errors={string.Join(',', errors.Select(e => e.Check))} (or =all)");
        }

        c.Note(string.Create(CultureInfo.InvariantCulture, $"{findings.Count} finding(s), none fatal"));
    }

    static async Task RunAsync(PhaseContext c, Func<PhaseContext, CancellationToken, Task<IReadOnlyList<PreflightFinding>>> checks, CancellationToken ct) =>
        Report(c, await checks(c, ct), LivePhase.Require(c).IgnorePreflightErrors);

    /// <summary>kubeadm's name for the check that a file does not exist yet.</summary>
    public static string FileAvailable(string path) => "FileAvailable-" + path.Replace('/', '-');

    static long? MemTotalMb(HostProbe probe)
    {
        var line = probe.ReadProc("meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kb) ? kb / 1024 : null;
    }
}
