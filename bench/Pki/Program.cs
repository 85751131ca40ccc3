// Times Kiln's full init PKI (10 certificates, sa key, 5 kubeconfigs) in-process against the same work done
// "the hard way" by a bash script of openssl CLI calls, in the same run; prints medians and the ratio.
using System.Diagnostics;
using System.Globalization;
using Kiln.Phases;
using Kiln.Phases.Config;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Microsoft.Extensions.Logging.Abstractions;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
Console.WriteLine($"PKI benchmark: {runs} runs each, {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}");
Console.WriteLine("algorithm   kiln median   openssl median   ratio");
foreach (var algorithm in new[] { "ECDSA-P256", "RSA-2048" })
{
    await KilnOnceAsync(algorithm);
    var kiln = Median(await TimesAsync(runs, () => KilnOnceAsync(algorithm)));
    var openssl = Median(await TimesAsync(runs, () => Task.Run(() => OpensslOnce(algorithm))));
    Console.WriteLine($"{algorithm,-11} {kiln,9:F3} s   {openssl,12:F3} s   {openssl / kiln,5:F1}x");
}

static async Task<List<double>> TimesAsync(int runs, Func<Task> action)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed.TotalSeconds);
    }

    return times;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task KilnOnceAsync(string algorithm)
{
    var yaml = $"""
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        localAPIEndpoint: {"{advertiseAddress: 10.0.0.10}"}
        nodeRegistration: {"{name: node1}"}
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        encryptionAlgorithm: {algorithm}
        """;
    var config = ConfigLoader.Load("bench.yaml", yaml).Config!;
    var dir = Directory.CreateTempSubdirectory("kiln-bench-");
    try
    {
        var context = new PhaseContext(config, new HostRoot(dir.FullName), NullLogger.Instance, new Progress<PhaseEvent>(), TimeProvider.System, TargetKinds.LiveNode);
        var selection = Workflows.Init.Select(new PhaseSelection(["certs", "kubeconfig"], []));
        var result = await WorkflowRunner.RunAsync(WorkflowPlan.Create(Workflows.Init, selection, context), context, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error!.Message);
        }
    }
    finally
    {
        dir.Delete(recursive: true);
    }
}

static void OpensslOnce(string algorithm)
{
    var dir = Directory.CreateTempSubdirectory("kiln-bench-openssl-");
    try
    {
        var script = Path.Combine(dir.FullName, "pki.sh");
        File.WriteAllText(script, OpensslScript(algorithm));
        var start = new ProcessStartInfo("bash") { WorkingDirectory = dir.FullName, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl script failed: {err}");
        }
    }
    finally
    {
        dir.Delete(recursive: true);
    }
}

static string OpensslScript(string algorithm)
{
    var key = algorithm == "RSA-2048" ? "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" : "-algorithm EC -pkeyopt ec_paramgen_curve:P-256";
    var lines = new List<string> { "set -e", "mkdir -p etcd", $"key() {{ openssl genpkey {key} -out \"$1\" 2>/dev/null; }}" };
    foreach (var (ca, cn) in new[] { ("ca", "kubernetes"), ("front-proxy-ca", "front-proxy-ca"), ("etcd/ca", "etcd-ca") })
    {
        lines.Add($"key {ca}.key; openssl req -x509 -new -key {ca}.key -subj /CN={cn} -days 3650 -addext keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign -addext subjectAltName=DNS:{cn} -out {ca}.crt");
    }

    var leaves = new[]
    {
        ("apiserver", "ca", "/CN=kube-apiserver", "serverAuth", "DNS:node1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1,IP:10.0.0.10"),
        ("apiserver-kubelet-client", "ca", "/O=kubeadm:cluster-admins/CN=kube-apiserver-kubelet-client", "clientAuth", ""),
        ("front-proxy-client", "front-proxy-ca", "/CN=front-proxy-client", "clientAuth", ""),
        ("etcd/server", "etcd/ca", "/CN=node1", "serverAuth,clientAuth", "DNS:node1,DNS:localhost,IP:10.0.0.10,IP:127.0.0.1,IP:::1"),
        ("etcd/peer", "etcd/ca", "/CN=node1", "serverAuth,clientAuth", "DNS:node1,DNS:localhost,IP:10.0.0.10,IP:127.0.0.1,IP:::1"),
        ("etcd/healthcheck-client", "etcd/ca", "/CN=kube-etcd-healthcheck-client", "clientAuth", ""),
        ("apiserver-etcd-client", "etcd/ca", "/CN=kube-apiserver-etcd-client", "clientAuth", ""),
        ("admin", "ca", "/O=kubeadm:cluster-admins/CN=kubernetes-admin", "clientAuth", ""),
        ("super-admin", "ca", "/O=system:masters/CN=kubernetes-super-admin", "clientAuth", ""),
        ("kubelet", "ca", "/O=system:nodes/CN=system:node:node1", "clientAuth", ""),
        ("controller-manager", "ca", "/CN=system:kube-controller-manager", "clientAuth", ""),
        ("scheduler", "ca", "/CN=system:kube-scheduler", "clientAuth", ""),
    };
    foreach (var (name, ca, subject, eku, sans) in leaves)
    {
        var ext = $"keyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage={eku}" + (sans.Length > 0 ? $"\\nsubjectAltName={sans}" : "");
        lines.Add($"key {name}.key; openssl req -new -key {name}.key -subj '{subject}' -out {name}.csr; printf '{ext}\\n' > {name}.ext; "
            + $"openssl x509 -req -in {name}.csr -CA {ca}.crt -CAkey {ca}.key -CAcreateserial -days 365 -extfile {name}.ext -out {name}.crt 2>/dev/null");
    }

    lines.Add("key sa.key; openssl pkey -in sa.key -pubout -out sa.pub");
    return string.Join('\n', lines) + "\n";
}
