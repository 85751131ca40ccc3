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
