using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Kiln.TestKit.Nodes;

/// <summary>
/// A real Kubernetes node for a test: a copy of eng/node-base.sh's tree booted by systemd-nspawn (systemd, containerd
/// and the v1.20.2 kubelet inside), in its own network namespace on a <see cref="NodeNetwork"/> bridge and in its own
/// cgroup subtree, with the image archives for one kubernetesVersion and the published kiln bind-mounted read-only.
/// Stopped by its own PID on dispose. docs/testing.md ("Real nodes") says why each piece is there.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    const string NodePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    readonly Process _nspawn;
    readonly string _dir;
    readonly string _machine;

    TestNode(string name, int index, string dir, string machine, Process nspawn, int leader)
    {
        Name = name;
        Index = index;
        _dir = dir;
        _machine = machine;
        _nspawn = nspawn;
        Leader = leader;
    }

    /// <summary>The node's hostname and Kubernetes node name: node1, node2, ...</summary>
    public string Name { get; }

    public int Index { get; }

    /// <summary>The node's address on the test bridge.</summary>
    public string Address => NodeNetwork.Address(Index);

    /// <summary>The node's root as the host sees it: read the files kiln wrote there (admin.conf, ...).</summary>
    public string Root => Path.Combine(_dir, "root");

    /// <summary>The PID of the node's init (systemd), the one the node's namespaces are entered through.</summary>
    public int Leader { get; }

    /// <summary>The path of a file inside the node, as the host sees it.</summary>
    public string HostPath(string nodePath) => Path.Combine(Root, nodePath.TrimStart('/'));

    /// <summary>
    /// Copies the base tree, writes this node's identity (hostname, /etc/kiln-test/node.env, a bridge + host-local CNI
    /// config for its pod range 10.244.INDEX.0/24), boots it and waits for its systemd to finish starting.
    /// </summary>
    public static async Task<TestNode> StartAsync(NodeNetwork network, int index, string kubernetesVersion, string kiln)
    {
        ArgumentNullException.ThrowIfNull(network);
        var name = $"node{index}";
        var machine = $"k{network.Tag}-{index}"; // short: nspawn names the host veth vb-MACHINE, at most 15 characters
        var dir = Path.Combine("/var/tmp", $"kiln-node-{network.Tag}-{name}");
        if (Directory.Exists(dir))
        {
            throw new InvalidOperationException($"{dir} exists already");
        }

        Directory.CreateDirectory(dir);
        var root = Path.Combine(dir, "root");
        Check(Tool.RunWith(null, null, TimeSpan.FromMinutes(5), "cp", "-a", "--reflink=auto", NodeCache.RootFs, root), "copy the base tree");
        await File.WriteAllTextAsync(Path.Combine(root, "etc/hostname"), name + "\n");
        await File.WriteAllTextAsync(Path.Combine(root, "etc/kiln-test/node.env"),
            $"KILN_TEST_ADDRESS={NodeNetwork.Address(index)}/{NodeNetwork.PrefixLength}\nKILN_TEST_GATEWAY={NodeNetwork.Gateway}\n");
        var hosts = new StringBuilder("127.0.0.1 localhost\n::1 localhost\n");
        for (var i = 1; i <= 9; i++)
        {
            hosts.Append(CultureInfo.InvariantCulture, $"{NodeNetwork.Address(i)} node{i}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(root, "etc/hosts"), hosts.ToString());
        // bridge + host-local (Debian's plugins): the runtime reports its network ready, so the node can be Ready
        await File.WriteAllTextAsync(Path.Combine(root, "etc/cni/net.d/10-kiln-test.conflist"), $$$"""
            {"cniVersion": "0.4.0", "name": "kiln-test", "plugins": [
              {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false,
               "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.244.{{{index}}}.0/24"}]], "routes": [{"dst": "0.0.0.0/0"}]}},
              {"type": "portmap", "capabilities": {"portMappings": true}}]}
            """);

        var images = NodeCache.Images(kubernetesVersion);
        // the launching shell moves itself into a kiln-MACHINE cgroup below its own in every v1 hierarchy (and the
        // named/unified ones), then becomes nspawn: the node's cgroup namespace root is its own subtree
        var script = $$"""
            set -e
            : > {{dir}}/cgroups.txt
            for h in /sys/fs/cgroup/*; do
              [ -L "$h" ] && continue
              [ -e "$h/cgroup.procs" ] || continue
              n=${h##*/}
              me=$(awk -F: -v n="$n" '$2==n || $2=="name="n || ($2=="" && n=="unified") {print $3; exit}' /proc/self/cgroup)
              d="$h${me%/}/kiln-{{machine}}"
              mkdir -p "$d"
              echo "$d" >> {{dir}}/cgroups.txt
              if [ -e "$d/cpuset.cpus" ]; then cat "$(dirname "$d")/cpuset.cpus" > "$d/cpuset.cpus"; cat "$(dirname "$d")/cpuset.mems" > "$d/cpuset.mems"; fi
              echo $$ > "$d/cgroup.procs"
            done
            exec env SYSTEMD_NSPAWN_API_VFS_WRITABLE=1 SYSTEMD_SECCOMP=0 systemd-nspawn --register=no --keep-unit --quiet \
              -D {{root}} -M {{machine}} -b --capability=all --bind=/dev/kmsg --console=pipe \
              --network-bridge={{network.Bridge}} --resolv-conf=off \
              --bind-ro={{images}}:/opt/kiln-test/images --bind-ro={{kiln}}:/usr/local/bin/kiln \
              </dev/null >{{dir}}/console.log 2>&1
            """;
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        var nspawn = Process.Start(start) ?? throw new InvalidOperationException("cannot start systemd-nspawn");
        var leader = await LeaderAsync(nspawn, dir);
        var node = new TestNode(name, index, dir, machine, nspawn, leader);
        try
        {
            await node.WaitBootedAsync(TimeSpan.FromMinutes(2));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    static async Task<int> LeaderAsync(Process nspawn, string dir)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        var children = $"/proc/{nspawn.Id}/task/{nspawn.Id}/children";
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (nspawn.HasExited)
            {
                throw new InvalidOperationException($"systemd-nspawn exited {nspawn.ExitCode}:\n{ReadTail(Path.Combine(dir, "console.log"), 40)}");
            }

            // the node's init is the child of nspawn that runs systemd: nspawn's first child is a short-lived helper
            // that sets up the namespaces and exits, and entering or killing that one would miss the node
            var pids = File.Exists(children) ? (await File.ReadAllTextAsync(children)).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            foreach (var pid in pids)
            {
                var comm = $"/proc/{pid}/comm";
                if (File.Exists(comm) && string.Equals((await File.ReadAllTextAsync(comm)).Trim(), "systemd", StringComparison.Ordinal))
                {
                    return int.Parse(pid, CultureInfo.InvariantCulture);
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"systemd-nspawn started no init in 60 s:\n{ReadTail(Path.Combine(dir, "console.log"), 40)}");
    }

    async Task WaitBootedAsync(TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        var last = "";
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (!Directory.Exists($"/proc/{Leader}"))
            {
                throw new InvalidOperationException($"{Name}'s init (PID {Leader}) exited while booting:\n{ReadTail(Path.Combine(_dir, "console.log"), 40)}");
            }

            var r = Exec(TimeSpan.FromSeconds(30), "systemctl", "is-system-running");
            last = r.Out.Trim();
            if (last is "running" or "degraded")
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} did not finish booting in {timeout} (systemd says '{last}'):\n{Diagnostics()}");
    }

    /// <summary>Runs a command inside the node (all its namespaces; the node's files, network and PATH).</summary>
    public Tool.Result Exec(TimeSpan timeout, string file, params string[] args) =>
        Tool.RunWith(null, null, timeout, "nsenter", ["-t", Leader.ToString(CultureInfo.InvariantCulture), "-a", "--",
            "env", "-i", $"PATH={NodePath}", "HOME=/root", "LANG=C.UTF-8", file, .. args]);

    public Tool.Result Exec(string file, params string[] args) => Exec(TimeSpan.FromMinutes(2), file, args);

    /// <summary>Runs a host program in the node's network namespace only: the host's files, the node's network.</summary>
    public Tool.Result ExecInNetwork(TimeSpan timeout, string file, params string[] args) =>
        Tool.RunWith(null, null, timeout, "nsenter", ["-t", Leader.ToString(CultureInfo.InvariantCulture), "-n", "--", file, .. args]);

    /// <summary>
    /// The host's kubectl through the node's address with a kubeconfig kiln wrote in the node (e.g. /etc/kubernetes/admin.conf).
    /// </summary>
    public Tool.Result Kubectl(string nodeKubeconfig, params string[] args) =>
        ExecInNetwork(TimeSpan.FromMinutes(1), "kubectl", ["--kubeconfig", HostPath(nodeKubeconfig), "--request-timeout=20s", .. args]);

    /// <summary>What a failed test needs to read: failed units, the kubelet and containerd journals, the containers and the static pods' logs.</summary>
    public string Diagnostics()
    {
        var sb = new StringBuilder($"===== {Name} ({Address}): diagnostics\n");
        void Add(string title, Tool.Result r) => sb.Append(CultureInfo.InvariantCulture, $"--- {title} (exit {r.ExitCode})\n{r.All.TrimEnd()}\n");
        try
        {
            Add("systemctl --failed", Exec(TimeSpan.FromSeconds(30), "systemctl", "--failed", "--no-pager"));
            Add("journalctl -u kubelet", Exec(TimeSpan.FromSeconds(30), "journalctl", "-u", "kubelet", "--no-pager", "-n", "150", "-o", "short-precise"));
            Add("journalctl -u containerd", Exec(TimeSpan.FromSeconds(30), "journalctl", "-u", "containerd", "--no-pager", "-n", "60", "-o", "short-precise"));
            Add("journalctl -u kiln-images -u kiln-net -u kiln-cgroup-rw", Exec(TimeSpan.FromSeconds(30), "journalctl", "-u", "kiln-images", "-u", "kiln-net", "-u", "kiln-cgroup-rw", "--no-pager", "-n", "40"));
            Add("ctr tasks", Exec(TimeSpan.FromSeconds(30), "ctr", "-n", "k8s.io", "tasks", "ls"));
            Add("static pod logs", Exec(TimeSpan.FromSeconds(30), "sh", "-c",
                "for f in /var/log/pods/kube-system_etcd-*/*/*.log /var/log/pods/kube-system_kube-apiserver-*/*/*.log /var/log/pods/kube-system_kube-controller-manager-*/*/*.log /var/log/pods/kube-system_kube-scheduler-*/*/*.log; do [ -e \"$f\" ] || continue; echo \"--- $f\"; tail -n 30 \"$f\"; done"));
        }
#pragma warning disable CA1031 // diagnostics of a broken node must not hide the test's own failure
        catch (Exception e)
#pragma warning restore CA1031
        {
            sb.Append(CultureInfo.InvariantCulture, $"--- (collecting stopped: {e.Message})\n");
        }

        sb.Append("--- console\n").Append(ReadTail(Path.Combine(_dir, "console.log"), 30));
        return sb.ToString();
    }

    static string ReadTail(string path, int lines) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) + "\n" : "";

    static void Check(Tool.Result r, string what)
    {
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {r.ExitCode}): {r.All}");
        }
    }

    /// <summary>Powers the node off (its systemd stops the kubelet, the containers and containerd), waits for its nspawn
    /// to exit, kills the node's init if it does not, and removes its cgroups and its tree.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_nspawn.HasExited)
        {
            try
            {
                Exec(TimeSpan.FromSeconds(30), "systemctl", "poweroff");
            }
            catch (TimeoutException)
            {
            }
        }

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            try
            {
                await _nspawn.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // the node's init is its PID namespace's init: killing it ends every process in the node
                Tool.Run("kill", "-KILL", Leader.ToString(CultureInfo.InvariantCulture));
                using var again = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _nspawn.WaitForExitAsync(again.Token);
                }
                catch (OperationCanceledException)
                {
                    _nspawn.Kill();
                }
            }
        }

        var exited = _nspawn.HasExited;
        _nspawn.Dispose();
        var cgroups = Path.Combine(_dir, "cgroups.txt");
        if (File.Exists(cgroups))
        {
            foreach (var top in File.ReadAllLines(cgroups).Where(l => l.Length > 0 && Directory.Exists(l)))
            {
                foreach (var d in Directory.EnumerateDirectories(top, "*", SearchOption.AllDirectories).Append(top).OrderByDescending(d => d.Length))
                {
                    try
                    {
                        Directory.Delete(d);
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        }

        if (Directory.Exists($"/run/systemd/nspawn/propagate/{_machine}"))
        {
            Tool.Run("rm", "-rf", $"/run/systemd/nspawn/propagate/{_machine}");
        }

        if (exited)
        {
            Tool.RunWith(null, null, TimeSpan.FromMinutes(5), "rm", "-rf", "--one-file-system", _dir);
        }
    }
}
