using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s;
using k8s.Models;

namespace Kiln.TestKit;

/// <summary>
/// Real etcd (Debian) and a real kube-apiserver, kube-controller-manager and kube-scheduler v1.20.2 (built from Debian's
/// source package by eng/k8s-testbin.sh), started with the command lines of the static pod manifests Kiln wrote under
/// <see cref="Root"/>, with node paths rewritten into the root and etcd 3.6 flag spellings mapped to 3.4's.
/// </summary>
public sealed class RealCluster : IAsyncDisposable
{
    /// <summary>Where eng/k8s-testbin.sh puts the binaries (KILN_TESTBIN overrides).</summary>
    public static string BinDirectory => Environment.GetEnvironmentVariable("KILN_TESTBIN") ?? "/var/cache/kiln-testbin/v1.20.2/bin";

    // flags Kiln's v1.34 manifests spell as etcd 3.6 does; etcd 3.4 knows them under these names. Nothing else is changed:
    // the kube-apiserver, controller-manager and scheduler 1.20 accept every flag Kiln writes.
    static readonly Dictionary<string, string> s_flagMap = new(StringComparer.Ordinal)
    {
        // etcd 3.6 spellings → etcd 3.4 (real-components.md §1.3)
        ["--feature-gates=InitialCorruptCheck=true"] = "--experimental-initial-corrupt-check=true",
        ["--watch-progress-notify-interval=5s"] = "--experimental-watch-progress-notify-interval=5s",
    };

    readonly List<(string Name, Process Process, StringBuilder Log)> _processes = [];

    RealCluster(string root) => Root = root;

    /// <summary>The node root Kiln wrote into.</summary>
    public string Root { get; }

    /// <summary>A free TCP port on loopback (bound, read, released).</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>Starts etcd, the API server, the controller-manager and the scheduler from the manifests under <paramref name="root"/>.</summary>
    public static RealCluster Start(string root)
    {
        var missing = new[] { "kube-apiserver", "kube-controller-manager", "kube-scheduler" }.Where(b => !File.Exists(Path.Combine(BinDirectory, b))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{string.Join(", ", missing)} missing in {BinDirectory}: run eng/k8s-testbin.sh (eng/test.sh does)");
        }

        var cluster = new RealCluster(root);
        foreach (var component in (string[])["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"])
        {
            cluster.StartComponent(component);
        }

        return cluster;
    }

    /// <summary>The command a manifest runs, rewritten for this machine.</summary>
    public IReadOnlyList<string> Command(string component)
    {
        var manifest = File.ReadAllText(Path.Combine(Root, "etc/kubernetes/manifests", component + ".yaml"));
        var pod = KubernetesYaml.Deserialize<V1Pod>(manifest);
        var command = pod.Spec.Containers[0].Command;
        var args = new List<string> { string.Equals(component, "etcd", StringComparison.Ordinal) ? "etcd" : Path.Combine(BinDirectory, component) };
        foreach (var arg in command.Skip(1))
        {
            args.Add(s_flagMap.TryGetValue(arg, out var mapped) ? mapped : arg.Replace("=/etc/kubernetes/", $"={Root}/etc/kubernetes/", StringComparison.Ordinal)
                .Replace("=/var/lib/etcd", $"={Root}/var/lib/etcd", StringComparison.Ordinal));
        }

        return args;
    }

    void StartComponent(string component)
    {
        var args = Command(component);
        var start = new ProcessStartInfo(args[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {component}");
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _processes.Add((component, process, log));
    }

    /// <summary>The last lines each component logged, and whether it still runs: for assertion messages.</summary>
    public string Logs(int lines = 15)
    {
        var sb = new StringBuilder();
        foreach (var (name, process, log) in _processes)
        {
            string text;
            lock (log)
            {
                text = log.ToString();
            }

            sb.AppendLine($"--- {name} ({(process.HasExited ? $"exited {process.ExitCode}" : "running")})");
            foreach (var line in text.Split('\n').TakeLast(lines))
            {
                sb.AppendLine(line);
            }
        }

        return sb.ToString();
    }

    /// <summary>A client from a kubeconfig Kiln wrote (admin.conf, super-admin.conf).</summary>
    public Kubernetes Client(string kubeconfig) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(Root, "etc/kubernetes", kubeconfig)));

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _) in Enumerable.Reverse(_processes))
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }
    }
}
