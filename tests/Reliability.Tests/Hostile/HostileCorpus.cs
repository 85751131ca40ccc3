using System.Text;

namespace Kiln.Reliability.Tests.Hostile;

/// <summary>
/// A seeded generator of hostile kubeadm configs and image recipes: valid documents mutated at the text level (wrong
/// types, huge and negative numbers, deep nesting, NUL and invalid UTF-8, alias bombs, duplicate keys, wrong kinds,
/// truncation, byte flips) plus a few whole-file hostiles (10 MB, empty, only comments). The same seed gives the same
/// corpus, so a failing case reproduces from its name and the seed in the test.
/// </summary>
public sealed class HostileCorpus(int seed)
{
    readonly Random _random = new(seed);

    static readonly string[] s_configBases =
    [
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        bootstrapTokens:
          - token: abcdef.0123456789abcdef
            ttl: 24h0m0s
            usages: [signing, authentication]
            groups: [system:bootstrappers:kubeadm:default-node-token]
        nodeRegistration:
          name: node-1
          criSocket: unix:///var/run/containerd/containerd.sock
          taints:
            - key: node-role.kubernetes.io/control-plane
              effect: NoSchedule
          kubeletExtraArgs:
            - name: v
              value: "2"
        localAPIEndpoint:
          advertiseAddress: 192.168.122.10
          bindPort: 6443
        timeouts:
          controlPlaneComponentHealthCheck: 4m0s
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        kubernetesVersion: v1.34.0
        clusterName: kubernetes
        controlPlaneEndpoint: 192.168.122.10:6443
        networking:
          podSubnet: 10.244.0.0/16
          serviceSubnet: 10.96.0.0/12
          dnsDomain: cluster.local
        apiServer:
          certSANs: [kiln.example, 10.0.0.1]
          extraArgs:
            - name: audit-log-maxage
              value: "30"
        etcd:
          local:
            dataDir: /var/lib/etcd
        certificatesDir: /etc/kubernetes/pki
        featureGates:
          ControlPlaneKubeletLocalMode: true
        """,
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: JoinConfiguration
        nodeRegistration:
          name: worker-1
          ignorePreflightErrors: [Swap]
        discovery:
          bootstrapToken:
            apiServerEndpoint: 192.168.122.10:6443
            token: abcdef.0123456789abcdef
            caCertHashes:
              - sha256:0000000000000000000000000000000000000000000000000000000000000000
        timeouts:
          discovery: 5m0s
          tlsBootstrap: 5m0s
        """,
        """
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        kubernetesVersion: v1.33.2
        apiServer:
          timeoutForControlPlane: 4m0s
          extraArgs:
            authorization-mode: Node,RBAC
        networking:
          podSubnet: 10.244.0.0/16
        ---
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        cgroupDriver: systemd
        maxPods: 110
        ---
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        mode: ipvs
        """,
        """
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ResetConfiguration
        force: true
        cleanupTmpDir: true
        unmountFlags: [MNT_DETACH]
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: UpgradeConfiguration
        apply:
          kubernetesVersion: v1.34.0
          allowExperimentalUpgrades: false
        """,
    ];

    static readonly string[] s_recipeBases =
    [
        """
        apiVersion: kiln.dev/v1alpha1
        kind: ImageRecipe
        name: single-node
        role: control-plane
        kubeadm:
          inline: |
            apiVersion: kubeadm.k8s.io/v1beta4
            kind: InitConfiguration
            nodeRegistration:
              name: node-1
            localAPIEndpoint:
              advertiseAddress: 192.168.122.10
        disk:
          size: 256MiB
          partitions:
            - label: root
              type: linux
              size: rest
              filesystem: ext4
              contents: node
        formats: [raw, qcow2]
        """,
        """
        apiVersion: kiln.dev/v1alpha1
        kind: ImageRecipe
        name: worker
        role: worker
        kubeadm:
          file: worker-join.yaml
        disk:
          size: 1GiB
          partitions:
            - label: esp
              type: esp
              size: 64MiB
              filesystem: fat
            - label: root
              type: linux
              size: rest
              filesystem: ext4
              contents: node
        formats: [raw, vhd]
        """,
    ];

    /// <summary>The file a recipe's <c>kubeadm.file</c> may name (the harness serves it).</summary>
    public static string RecipeKubeadmFile => s_configBases[1];

    static readonly string[] s_scalars =
    [
        "99999999999999999999999999999999", "-1", "-9223372036854775809", "9223372036854775808", "4294967296", "1e308", "-1e308",
        ".nan", ".inf", "-.inf", "0x7fffffff", "0o777", "~", "null", "''", "\"\"", "true", "no", "yes", "[]", "{}", "[1, 2, 3]",
        "{a: 1}", "!!binary AAAA", "!!int 12", "!!float x", "!custom-tag value", "\"\\0\"", "\"a\\u0000b\"", "\"\\uFFFF\"",
        "\"\\uD800\"", "'\u202e'", "\u00e9t\u00e9", "-", "?", "|", ">", "@", "`", "%", "&anchor", "*undefined-alias", "'", "\"", "{", "[",
        "!!map {a: 1}", "!!seq [1]", "<<: *x", "-0", "+12", "0.0.0.0/0", "::/0", "999.999.999.999", "1:2:3:4:5:6:7:8:9",
        "-5m", "9999999999h", "1.5.6.7h", "unix://", "sha256:", "abcdef.", "v99.99.99", "v1.34.0-rc.0+dirty", "/", "..", "C:\\x",
        "\t", " ", "#", "2001-12-14t21:59:43.10-05:00",
    ];

    public IEnumerable<HostileCase> Configs(int count) => Generate("config", s_configBases, count);

    public IEnumerable<HostileCase> Recipes(int count) => Generate("recipe", s_recipeBases, count);

    IEnumerable<HostileCase> Generate(string prefix, string[] bases, int count)
    {
        foreach (var whole in WholeFiles(prefix, bases))
        {
            yield return whole;
        }

        for (var i = 0; i < count; i++)
        {
            var b = _random.Next(bases.Length);
            var lines = bases[b].Split('\n').ToList();
            var rounds = 1 + _random.Next(3);
            var how = new List<string>();
            byte[]? bytes = null;
            for (var r = 0; r < rounds; r++)
            {
                how.Add(Mutate(lines, ref bytes));
            }

            var text = string.Join('\n', lines);
            bytes = bytes is null ? Encoding.UTF8.GetBytes(text) : Splice(Encoding.UTF8.GetBytes(text), bytes);
            yield return new HostileCase($"{prefix}-{i:D4} base {b}: {string.Join("; ", how)}", bytes);
        }
    }

    // splice raw (possibly invalid UTF-8) bytes into the text at a random offset
    byte[] Splice(byte[] text, byte[] raw)
    {
        var at = _random.Next(text.Length + 1);
        return [.. text.AsSpan(0, at), .. raw, .. text.AsSpan(at)];
    }

    string Mutate(List<string> lines, ref byte[]? raw)
    {
        var n = _random.Next(lines.Count);
        var line = lines[n];
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        switch (_random.Next(14))
        {
            case 0 or 1 or 2:
            {
                var value = s_scalars[_random.Next(s_scalars.Length)];
                lines[n] = colon > 0 ? line[..(colon + 2)] + value : line + " " + value;
                return $"line {n + 1} value -> {Escape(value)}";
            }

            case 3:
            {
                var flow = _random.Next(2) == 0;
                var depth = _random.Next(2) == 0 ? 50 + _random.Next(200) : flow ? 2_000 + _random.Next(20_000) : 500 + _random.Next(1_000);
                var nested = flow ? new string('[', depth) + new string(']', depth) : NestedMaps(depth);
                lines[n] = colon > 0 ? line[..(colon + 2)] + (flow ? nested : "") : line;
                if (!flow)
                {
                    lines.Insert(n + 1, nested);
                }

                return $"line {n + 1} nested {(flow ? "flow" : "block")} depth {depth}";
            }

            case 4:
                lines.Insert(n, AliasBomb(9 + _random.Next(4)));
                return $"alias bomb before line {n + 1}";
            case 5:
                lines.Insert(n + 1, line);
                return $"line {n + 1} duplicated";
            case 6:
            {
                var kind = new[]
                {
                    "kind: ImageRecipe", "kind: InitConfiguration", "kind: KubeletConfiguration", "kind: Pod", "kind: [InitConfiguration]",
                    "kind: {a: b}", "kind:", "apiVersion: kubeadm.k8s.io/v1beta1", "apiVersion: kiln.dev/v1alpha1", "apiVersion: v1",
                    "apiVersion: kubeadm.k8s.io/v1beta3", "apiVersion: 1", "---", "--- !!str x", "...",
                }[_random.Next(15)];
                var target = lines.FindIndex(l => l.StartsWith(kind.Split(':')[0] + ":", StringComparison.Ordinal));
                lines[target >= 0 && _random.Next(3) > 0 ? target : n] = kind;
                return $"kind/apiVersion -> {kind}";
            }

            case 7:
                raw = new[] { new byte[] { 0xC3 }, [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0x80] }[_random.Next(6)];
                return $"invalid UTF-8 {Convert.ToHexString(raw)}";
            case 8:
            {
                var at = _random.Next(line.Length + 1);
                lines[n] = line[..at] + "\0" + line[at..];
                return $"NUL at line {n + 1} col {at + 1}";
            }

            case 9:
            {
                var keep = _random.Next(lines.Count);
                var cut = _random.Next(lines[keep].Length + 1);
                lines[keep] = lines[keep][..cut];
                lines.RemoveRange(keep + 1, lines.Count - keep - 1);
                return $"truncated at line {keep + 1} col {cut + 1}";
            }

            case 10:
            {
                var chars = line.ToCharArray();
                if (chars.Length > 0)
                {
                    var at = _random.Next(chars.Length);
                    chars[at] = (char)(chars[at] ^ (1 << _random.Next(7)));
                    lines[n] = new string(chars);
                }

                return $"bit flip at line {n + 1}";
            }

            case 11:
            {
                var indent = line.Length - line.TrimStart().Length;
                lines[n] = (_random.Next(2) == 0 ? "\t" : new string(' ', indent + 1 + _random.Next(3))) + line.TrimStart();
                return $"indent broken at line {n + 1}";
            }

            case 12:
            {
                var key = $"x{_random.Next(1000)}";
                lines.Insert(n, _random.Next(2) == 0 ? $"{key}: {s_scalars[_random.Next(s_scalars.Length)]}" : $"? [{key}, {{a: b}}]\n: value");
                return $"unknown or complex key before line {n + 1}";
            }

            default:
            {
                var repeat = 1_000 + _random.Next(100_000);
                var value = new string((char)('a' + _random.Next(26)), repeat);
                lines[n] = colon > 0 ? line[..(colon + 2)] + value : line + value;
                return $"line {n + 1} value of {repeat} chars";
            }
        }
    }

    static IEnumerable<HostileCase> WholeFiles(string prefix, string[] bases)
    {
        var first = bases[0];
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        yield return new($"{prefix} empty file", []);
        yield return new($"{prefix} only comments", Utf8("# nothing\n# here\n"));
        yield return new($"{prefix} only a BOM", [0xEF, 0xBB, 0xBF]);
        yield return new($"{prefix} UTF-16 with BOM", [.. new byte[] { 0xFF, 0xFE }, .. Encoding.Unicode.GetBytes(first)]);
        yield return new($"{prefix} a scalar document", Utf8("just a string\n"));
        yield return new($"{prefix} a sequence document", Utf8("- apiVersion: x\n- kind: y\n"));
        yield return new($"{prefix} only separators", Utf8("---\n---\n---\n"));
        yield return new($"{prefix} NUL bytes only", new byte[4096]);
        yield return new($"{prefix} 10 MB comment after a valid document", Utf8(first + "\n# " + new string('x', 10 * 1024 * 1024) + "\n"));
        yield return new($"{prefix} 10 MB single-line value", Utf8(first.Replace("name: ", "name: " + new string('n', 10 * 1024 * 1024), StringComparison.Ordinal)));
        yield return new($"{prefix} 10 MB of unknown keys", Utf8(first + "\n" + string.Concat(Enumerable.Range(0, 400_000).Select(i => $"k{i:D7}: v{i:D8}\n"))));
        yield return new($"{prefix} 10 MB of documents", Utf8(string.Join("\n---\n", Enumerable.Repeat(first, 10 * 1024 * 1024 / first.Length))));
        yield return new($"{prefix} alias bomb as the document", Utf8(AliasBomb(12)));
        yield return new($"{prefix} alias bomb as a field", Utf8(first.Replace("name: node-1", "name: node-1\n" + AliasBomb(10).Replace("\n", "\n  ", StringComparison.Ordinal), StringComparison.Ordinal)));
        yield return new($"{prefix} self-referencing merge key", Utf8(first + "\nloop: &l\n  <<: *l\n"));
        yield return new($"{prefix} nested flow 100000", Utf8(first + "\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n"));
        yield return new($"{prefix} nested block mappings 2000", Utf8(first + "\n" + NestedMaps(2_000) + "\n"));
        yield return new($"{prefix} nested block sequences 50000", Utf8(first + "\nx:\n" + string.Concat(Enumerable.Repeat("- ", 50_000)) + "v\n"));
        yield return new($"{prefix} nested flow mappings 50000", Utf8(first + "\nx: " + string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "1" + new string('}', 50_000) + "\n"));
        yield return new($"{prefix} 100000 anchors", Utf8(first + "\nlots:\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"  - &a{i} {i}\n"))));
        yield return new($"{prefix} 10000 duplicate keys", Utf8(first + "\n" + string.Concat(Enumerable.Repeat("dup: 1\n", 10_000))));
    }

    // the YAML form of "billion laughs": each level lists the one before ten times, so an expansion is 10^levels nodes
    static string AliasBomb(int levels)
    {
        var sb = new StringBuilder("bomb0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < levels; i++)
        {
            sb.Append($"bomb{i}: &b{i} [").AppendJoin(", ", Enumerable.Repeat($"*b{i - 1}", 10)).Append("]\n");
        }

        return sb.ToString().TrimEnd('\n');
    }

    static string NestedMaps(int depth)
    {
        // block mappings indented one more space per level
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append(' ', i + 1).Append("k:\n");
        }

        return sb.Append(' ', depth + 1).Append('v').ToString();
    }

    static string Escape(string s) => s.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
