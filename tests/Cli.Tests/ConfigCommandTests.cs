using System.Text.Json;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class ConfigCommandTests
{
    static readonly string s_fixtures = Repo.File("tests", "Phases.Tests", "Config", "Fixtures");

    [Theory]
    [InlineData("init-defaults")]
    [InlineData("join-defaults")]
    [InlineData("reset-defaults")]
    [InlineData("upgrade-defaults")]
    public void Print_Defaults_MatchGoldenAndValidate(string kind)
    {
        var result = Cli.Run("config", "print", kind);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Snapshot.Match(result.Out, $"config-print/{kind}", "yaml");
        var reloaded = Kiln.Phases.Config.ConfigLoader.Load(kind, result.Out, TestHost.Facts);
        Assert.False(reloaded.HasErrors, reloaded.Render());
    }

    [Fact]
    public void Print_InitDefaultsWithComponentConfigs_AppendsThemInOrder()
    {
        var result = Cli.Run("config", "print", "init-defaults", "--component-configs", "KubeletConfiguration,KubeProxyConfiguration");

        Assert.Equal(0, result.ExitCode);
        Snapshot.Match(result.Out, "config-print/init-defaults-component-configs", "yaml");
        var kinds = result.Out.Split('\n').Where(l => l.StartsWith("kind: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["kind: InitConfiguration", "kind: ClusterConfiguration", "kind: KubeletConfiguration", "kind: KubeProxyConfiguration"], kinds);
        var reloaded = Kiln.Phases.Config.ConfigLoader.Load("p.yaml", result.Out, TestHost.Facts);
        Assert.False(reloaded.HasErrors, reloaded.Render());
    }

    [Fact]
    public void Print_UnknownComponentConfig_IsUsageError()
    {
        var result = Cli.Run("config", "print", "init-defaults", "--component-configs", "KubeletConfig");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("unknown component config 'KubeletConfig'", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidFile_PrintsOkAndExitsZero()
    {
        var result = Cli.RunIn(s_fixtures, "config", "validate", "--config", "migrate/v1beta4-roundtrip.yaml");

        Assert.Equal((0, "ok\n", ""), (result.ExitCode, result.Out, result.Err));
    }

    [Fact]
    public void Validate_BrokenFile_RendersErrorsOnStderrAndExitsTwo()
    {
        var result = Cli.RunIn(s_fixtures, "config", "validate", "--config", "broken/pod-subnet-bad-prefix.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("broken/pod-subnet-bad-prefix.yaml:4:14: error: networking.podSubnet:", result.Err, StringComparison.Ordinal);
        Assert.EndsWith("broken/pod-subnet-bad-prefix.yaml: 1 error\n", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_IsInputErrorNamingTheFile()
    {
        var result = Cli.RunIn(s_fixtures, "config", "validate", "--config", "nope.yaml");

        Assert.Equal((2, "kiln: cannot read nope.yaml: no such file\n"), (result.ExitCode, result.Err));
    }

    [Fact]
    public void Validate_WithoutConfig_IsUsageError()
    {
        var result = Cli.Run("config", "validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--config", result.Err, StringComparison.Ordinal);
        Assert.Contains("Run 'kiln config validate --help' for usage.", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_ToNewConfig_WritesFileAndNothingOnStdout()
    {
        var dir = Directory.CreateTempSubdirectory("kiln-migrate-");
        try
        {
            var source = Path.Combine(s_fixtures, "migrate", "v1beta3-init.yaml");

            var result = Cli.RunIn(dir.FullName, "config", "migrate", "--old-config", source, "--new-config", "new.yaml");

            Assert.Equal((0, "", ""), (result.ExitCode, result.Out, result.Err));
            var written = File.ReadAllText(Path.Combine(dir.FullName, "new.yaml"));
            Assert.Equal(Cli.Run("config", "migrate", "--old-config", source).Out, written);
            Assert.Single(dir.GetFiles());
            // it can hold bootstrap tokens: owner-only, whatever the umask
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.FullName, "new.yaml")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Migrate_BrokenFile_WritesNothing()
    {
        var dir = Directory.CreateTempSubdirectory("kiln-migrate-");
        try
        {
            var source = Path.Combine(s_fixtures, "broken", "v1beta3-field-from-v1beta4.yaml");

            var result = Cli.RunIn(dir.FullName, "config", "migrate", "--old-config", source, "--new-config", "new.yaml");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("unknown field 'encryptionAlgorithm' in v1beta3 ClusterConfiguration", result.Err, StringComparison.Ordinal);
            Assert.Empty(dir.GetFiles());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ImagesList_Default_ListsKubeadmImagesInOrder()
    {
        var result = Cli.Run("config", "images", "list", "--kubernetes-version", "v1.33.2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            registry.k8s.io/kube-apiserver:v1.33.2
            registry.k8s.io/kube-controller-manager:v1.33.2
            registry.k8s.io/kube-scheduler:v1.33.2
            registry.k8s.io/kube-proxy:v1.33.2
            registry.k8s.io/coredns/coredns:v1.12.0
            registry.k8s.io/pause:3.10
            registry.k8s.io/etcd:3.5.21-0

            """, result.Out);
    }

    [Fact]
    public void ImagesList_MirrorAndJson_DropsCorednsPathAndPrintsKubeadmJson()
    {
        var result = Cli.Run("config", "images", "list", "--kubernetes-version", "1.34.2", "--image-repository", "mirror.local:5000/k8s", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("Images", json.RootElement.GetProperty("kind").GetString());
        var images = json.RootElement.GetProperty("images").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("mirror.local:5000/k8s/coredns:v1.12.1", images, StringComparer.Ordinal);
        Assert.Contains("mirror.local:5000/k8s/etcd:3.6.5-0", images, StringComparer.Ordinal);
    }

    [Fact]
    public void ImagesList_ConfigWithDisabledAddons_OmitsThem()
    {
        var result = Cli.RunIn(s_fixtures, "config", "images", "list", "--config", "migrate/v1beta4-roundtrip.yaml");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("coredns", result.Out, StringComparison.Ordinal);
        Assert.Contains("kube-proxy:v1.36.2", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ImagesList_UnsupportedVersion_IsUsageError()
    {
        var result = Cli.Run("config", "images", "list", "--kubernetes-version", "v1.30.0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("--kubernetes-version: Kubernetes v1.30.0 is not supported", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EndlessInput_IsRefusedAtTheSizeLimitWithoutReadingItAll()
    {
        // /dev/zero never ends: reading it whole (as File.ReadAllBytes does) would run until memory is gone
        var result = Cli.Run("config", "validate", "--config", "/dev/zero");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/dev/zero:1:1: error: the file is more than 1048576 bytes; Kiln reads at most 1048576 bytes (1 MiB)", result.Err, StringComparison.Ordinal);
    }
}
