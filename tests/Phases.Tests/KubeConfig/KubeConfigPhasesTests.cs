using System.Text;
using Kiln.Phases.Targets;
using Kiln.Phases.Workflow;
using Kiln.TestKit;

namespace Kiln.Phases.Tests.KubeConfig;

public class KubeConfigPhasesTests
{
    [Theory]
    [InlineData("admin.conf", "kubernetes-admin", "O = kubeadm:cluster-admins, CN = kubernetes-admin", "https://lb.example.com:6443")]
    [InlineData("super-admin.conf", "kubernetes-super-admin", "O = system:masters, CN = kubernetes-super-admin", "https://lb.example.com:6443")]
    [InlineData("kubelet.conf", "system:node:node1", "O = system:nodes, CN = system:node:node1", "https://lb.example.com:6443")]
    [InlineData("controller-manager.conf", "system:kube-controller-manager", "CN = system:kube-controller-manager", "https://10.0.0.10:6443")]
    [InlineData("scheduler.conf", "system:kube-scheduler", "CN = system:kube-scheduler", "https://10.0.0.10:6443")]
    public async Task Kubeconfig_ReadByKubectl_HasKubeadmUserContextAndServer(string file, string user, string subject, string server)
    {
        using var dir = new TempDir();
        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load("controlPlaneEndpoint: lb.example.com\n"), new HostRoot(dir.Path), "certs/ca", "kubeconfig");
        Assert.True(result.Succeeded, result.Error?.Message);
        var path = dir[$"etc/kubernetes/{file}"];

        string View(string jsonPath) => Tool.Run("kubectl", "config", "view", "--raw", "--kubeconfig", path, "-o", $"jsonpath={jsonPath}").Out;

        Assert.Equal($"{user}@kubernetes", View("{.current-context}"));
        Assert.Equal(user, View("{.users[0].name}"));
        Assert.Equal(server, View("{.clusters[0].cluster.server}"));
        Assert.Equal(File.ReadAllText(dir["etc/kubernetes/pki/ca.crt"]), Encoding.ASCII.GetString(Convert.FromBase64String(View("{.clusters[0].cluster.certificate-authority-data}"))));
        var certFile = Path.Combine(dir.Path, "client.crt");
        await File.WriteAllBytesAsync(certFile, Convert.FromBase64String(View("{.users[0].user.client-certificate-data}")));
        var openssl = Tool.Run("openssl", "x509", "-in", certFile, "-noout", "-subject", "-ext", "extendedKeyUsage");
        Assert.Contains($"subject={subject}", openssl.Out, StringComparison.Ordinal);
        Assert.Contains("TLS Web Client Authentication", openssl.Out, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var verify = Tool.Run("openssl", "verify", "-CAfile", dir["etc/kubernetes/pki/ca.crt"], "-purpose", "sslclient", certFile);
        Assert.Equal(0, verify.ExitCode);
    }

    [Fact]
    public async Task Kubeconfig_ExistingWithOtherCa_IsRefusedAndUntouched()
    {
        var other = new MemoryRoot();
        await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), other, "certs/ca", "kubeconfig/admin");
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), root, "certs/ca");
        var foreign = other.ReadAllBytes("/etc/kubernetes/admin.conf");
        await root.WriteFileAsync("/etc/kubernetes/admin.conf", foreign, UnixFileMode.UserRead | UnixFileMode.UserWrite, CancellationToken.None);

        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), root, "kubeconfig/admin");

        Assert.Equal("memory:/etc/kubernetes/admin.conf exists but trusts a different CA than ca.crt", result.Error!.Message);
        Assert.Equal(foreign, root.ReadAllBytes("/etc/kubernetes/admin.conf"));
    }

    [Fact]
    public async Task Kubeconfig_FromGenerateCsrNotYetSigned_IsRefusedSayingWhatToFillIn()
    {
        var root = new MemoryRoot();
        var config = InitConfigs.Load();
        await PhaseRuns.RunAsync(Workflows.Init, config, root, "certs/ca");
        var (written, _) = await Kiln.Phases.Certs.CsrGenerator.GenerateAsync(root, config, "/etc/kubernetes", new Kiln.Phases.Certs.KeyPool(), CancellationToken.None);
        Assert.Contains("/etc/kubernetes/admin.conf", written, StringComparer.Ordinal);
        var before = root.ReadAllBytes("/etc/kubernetes/admin.conf");

        var (result, _) = await PhaseRuns.RunAsync(Workflows.Init, config, root, "kubeconfig/admin");

        Assert.Equal("memory:/etc/kubernetes/admin.conf exists but holds no CA data (as 'kiln certs generate-csr' leaves it)", result.Error!.Message);
        Assert.Contains("admin.conf.csr as client-certificate-data", result.Error.Hint, StringComparison.Ordinal);
        Assert.Equal(before, root.ReadAllBytes("/etc/kubernetes/admin.conf"));
    }

    [Fact]
    public async Task Kubeconfig_ExistingWithOtherServer_IsKeptWithWarning()
    {
        var root = new MemoryRoot();
        await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load(), root, "certs/ca", "kubeconfig/admin");

        var (result, events) = await PhaseRuns.RunAsync(Workflows.Init, InitConfigs.Load("controlPlaneEndpoint: lb.example.com:443\n"), root, "kubeconfig/admin");

        Assert.True(result.Succeeded);
        Assert.Contains(events.OfType<PhaseNote>(), n => string.Equals(n.Text, "warning: /etc/kubernetes/admin.conf points at https://10.0.0.10:6443, not https://lb.example.com:443; keeping it", StringComparison.Ordinal));
        Assert.Contains(events.OfType<ArtifactReused>(), r => string.Equals(r.Path, "/etc/kubernetes/admin.conf", StringComparison.Ordinal));
    }
}
