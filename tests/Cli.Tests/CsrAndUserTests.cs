using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class CsrAndUserTests
{
    [Fact]
    public void GenerateCsr_WritesVerifiableRequestsThenRefusesToOverwrite()
    {
        using var dir = new TempDir();

        var first = Cli.Run("certs", "generate-csr", "--rootfs", dir.Path);
        var second = Cli.Run("certs", "generate-csr", "--rootfs", dir.Path);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(24, first.Out.Split('\n').Count(l => l.StartsWith("[certs] wrote ", StringComparison.Ordinal)));
        var req = Tool.RunIn(dir["etc/kubernetes/pki"], "openssl", "req", "-in", "apiserver.csr", "-noout", "-verify", "-text");
        Assert.Contains("verify OK", req.All, StringComparison.Ordinal);
        Assert.Contains("DNS:node1, DNS:kubernetes", req.Out, StringComparison.Ordinal);
        Assert.Contains("IP Address:10.0.0.10", req.Out, StringComparison.Ordinal);
        var admin = Tool.RunIn(dir["etc/kubernetes"], "openssl", "req", "-in", "admin.conf.csr", "-noout", "-subject");
        Assert.Equal("subject=O = kubeadm:cluster-admins, CN = kubernetes-admin\n", admin.Out);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir["etc/kubernetes/pki/apiserver.key"]));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("apiserver.key already exists; generate-csr never overwrites a file", second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateCsr_Kubeconfigs_HoldClusterContextAndKeyAsKubeadmWritesThem()
    {
        // cmd/kubeadm/app/phases/kubeconfig/kubeconfig.go (createKubeConfigAndCSR): the cluster with its server and no CA data,
        // the user@cluster context as the current one, the user with only its client key
        using var dir = new TempDir();
        File.WriteAllText(dir["kubeadm.yaml"], InitConfigs.Text(clusterYaml: "clusterName: prod\ncontrolPlaneEndpoint: lb.example.com:8443\n"));

        var result = Cli.Run("certs", "generate-csr", "--rootfs", dir.Path, "--config", dir["kubeadm.yaml"]);

        Assert.True(result.ExitCode == 0, result.Err);
        foreach (var (file, user, server) in ((string, string, string)[])[
            ("admin.conf", "kubernetes-admin", "https://lb.example.com:8443"),
            ("super-admin.conf", "kubernetes-super-admin", "https://lb.example.com:8443"),
            ("controller-manager.conf", "system:kube-controller-manager", "https://10.0.0.10:6443"),
            ("scheduler.conf", "system:kube-scheduler", "https://10.0.0.10:6443")])
        {
            var conf = dir[$"etc/kubernetes/{file}"];
            string View(string path) => Tool.Run("kubectl", "config", "view", "--raw", "--kubeconfig", conf, "-o", $"jsonpath={path}").Out;
            Assert.Equal($"{user}@prod", View("{.current-context}"));
            Assert.Equal($"prod {server} ", View("{.clusters[0].name} {.clusters[0].cluster.server} {.clusters[0].cluster.certificate-authority-data}"));
            Assert.Equal($"{user}@prod prod {user}", View("{.contexts[0].name} {.contexts[0].context.cluster} {.contexts[0].context.user}"));
            Assert.Equal($"{user} ", View("{.users[0].name} {.users[0].user.client-certificate-data}"));
            Assert.DoesNotContain("certificate-authority-data", File.ReadAllText(conf), StringComparison.Ordinal);
            // the key in the kubeconfig is the one the CSR next to it was made with
            File.WriteAllBytes(dir["client.key"], Convert.FromBase64String(View("{.users[0].user.client-key-data}")));
            Assert.Equal(Tool.Run("openssl", "req", "-in", $"{conf}.csr", "-noout", "-pubkey").Out, Tool.Run("openssl", "pkey", "-in", dir["client.key"], "-pubout").Out);
        }

        var kubelet = dir["etc/kubernetes/kubelet.conf"];
        Assert.Equal("system:node:node1@prod", Tool.Run("kubectl", "config", "view", "--kubeconfig", kubelet, "-o", "jsonpath={.current-context}").Out);
    }

    [Fact]
    public void KubeconfigUser_PrintsKubeconfigWithRequestedIdentityAndValidity()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Cli.Run("init", "phase", "certs", "ca", "--rootfs", dir.Path, "--node-name", "node1", "--apiserver-advertise-address", "10.0.0.10").ExitCode);

        var result = Cli.Run("kubeconfig", "user", "--client-name", "jane", "--org", "devs", "--org", "ops", "--validity-period", "48h",
            "--rootfs", dir.Path);

        Assert.Equal(0, result.ExitCode);
        var file = Path.Combine(dir.Path, "jane.conf");
        File.WriteAllText(file, result.Out);
        Assert.Equal("jane@kubernetes", Tool.Run("kubectl", "config", "view", "--kubeconfig", file, "-o", "jsonpath={.current-context}").Out);
        var cert = Path.Combine(dir.Path, "jane.crt");
        File.WriteAllBytes(cert, Convert.FromBase64String(Tool.Run("kubectl", "config", "view", "--raw", "--kubeconfig", file, "-o", "jsonpath={.users[0].user.client-certificate-data}").Out));
        Assert.Equal("subject=O = devs, O = ops, CN = jane\n", Tool.Run("openssl", "x509", "-in", cert, "-noout", "-subject").Out);
        Assert.Equal(0, Tool.Run("openssl", "x509", "-in", cert, "-noout", "-checkend", "86400").ExitCode);
        Assert.NotEqual(0, Tool.Run("openssl", "x509", "-in", cert, "-noout", "-checkend", "172800").ExitCode);
    }

    [Fact]
    public void KubeconfigUser_WithoutCa_FailsWithHint()
    {
        using var dir = new TempDir();

        var result = Cli.Run("kubeconfig", "user", "--client-name", "jane", "--rootfs", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the cluster CA (/etc/kubernetes/pki/ca.crt and /etc/kubernetes/pki/ca.key) is needed", result.Err, StringComparison.Ordinal);
    }
}
