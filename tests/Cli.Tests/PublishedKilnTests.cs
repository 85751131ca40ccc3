using System.Security.Cryptography;
using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>
/// The Native AOT kiln of <c>eng/publish.sh</c> against the kiln the other tests run in-process: the same command gives
/// the same exit code, output and bytes. The published one is trimmed, reflection-free where it can be, and built with
/// the AOT Kubernetes client, so what works in-process is not proof that it works there.
/// </summary>
public class PublishedKilnTests
{
    const string Epoch = "1767225600";
    static readonly string s_fixtures = Repo.File("tests", "Phases.Tests", "Config", "Fixtures");

    static Cli.Result InProcess(string dir, params string[] args)
    {
        var result = Cli.RunWith(c => c with { SourceDateEpoch = Epoch }, dir, args);
        // in-process, System.CommandLine names the program after the test host
        return result with { Out = result.Out.Replace("testhost ", "kiln ", StringComparison.Ordinal) };
    }

    static Tool.Result Published(string dir, params string[] args) =>
        PublishedKiln.Run(dir, new Dictionary<string, string>(StringComparer.Ordinal) { ["SOURCE_DATE_EPOCH"] = Epoch }, args);

    static void AssertSame(Cli.Result expected, Tool.Result actual, string what)
    {
        Assert.True(expected.ExitCode == actual.ExitCode, $"{what}: exit {actual.ExitCode}, in-process {expected.ExitCode}\n{actual.All}");
        Assert.True(string.Equals(expected.Out, actual.Out, StringComparison.Ordinal), $"{what}: stdout differs\n{LineDiff.Render(expected.Out, actual.Out)}");
        Assert.True(string.Equals(expected.Err, actual.Err, StringComparison.Ordinal), $"{what}: stderr differs\n{LineDiff.Render(expected.Err, actual.Err)}");
    }

    static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void ImageBuild_GivesTheSameBytes_AndVerifies()
    {
        using var dir = new TempDir();
        var recipe = Repo.File("images", "single-node.yaml");
        var first = InProcess(dir.Path, "image", "build", recipe, "--out", "first", "--state", "state");
        Assert.True(first.ExitCode == 0, first.Err);
        DirectoryTree.Copy(dir["state"], dir["state-copy"]);

        var inProcess = InProcess(dir.Path, "image", "build", recipe, "--out", "a", "--state", "state");
        var published = Published(dir.Path, "image", "build", recipe, "--out", "b", "--state", "state-copy");

        Assert.True(inProcess.ExitCode == 0, inProcess.Err);
        Assert.True(published.ExitCode == 0, published.All);
        foreach (var file in (string[])["single-node.raw", "single-node.qcow2", "single-node.manifest.json"])
        {
            Assert.True(string.Equals(Sha(dir[$"a/{file}"]), Sha(dir[$"b/{file}"]), StringComparison.Ordinal), $"{file} differs between the published and the in-process kiln");
        }

        var verify = Published(dir.Path, "image", "verify", "b/single-node.raw");
        Assert.True(verify.ExitCode == 0, verify.All);
        Assert.Contains("b/single-node.raw: verified against single-node.manifest.json", verify.Out, StringComparison.Ordinal);
        // a changed byte in the disk is found: the published verifier reads the filesystem, not only the hash
        using (var raw = new FileStream(dir["b/single-node.raw"], FileMode.Open, FileAccess.Write))
        {
            raw.Position = 2 * 512;
            raw.WriteByte(0x42);
        }

        Assert.Equal(1, Published(dir.Path, "image", "verify", "b/single-node.raw").ExitCode);
    }

    public static TheoryData<string> ConfigFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(s_fixtures, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(s_fixtures, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigFixtures))]
    public void ConfigValidate_ReportsTheSame(string fixture)
    {
        // every fixture, good and broken: the binder reflects over the config records, which the trimmer must keep
        AssertSame(InProcess(s_fixtures, "config", "validate", "--config", fixture), Published(s_fixtures, "config", "validate", "--config", fixture), fixture);
    }

    [Theory]
    [InlineData("config", "print", "init-defaults")]
    [InlineData("config", "print", "join-defaults")]
    [InlineData("config", "migrate", "--old-config", "migrate/v1beta3-init.yaml")]
    [InlineData("config", "images", "list", "--config", "migrate/v1beta4-roundtrip.yaml")]
    [InlineData("version", "-o", "json")]
    [InlineData("init", "--help")]
    [InlineData("nosuchcommand")]
    public void Commands_PrintTheSame(params string[] args)
    {
        AssertSame(InProcess(s_fixtures, args), Published(s_fixtures, args), string.Join(' ', args));
    }

    [Fact]
    public void InitFilesOnly_WritesTheSameTree()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["init.yaml"], InitConfigs.Text());
        var inProcess = InProcess(dir.Path, "init", "--files-only", "--rootfs", "a", "--config", "init.yaml");
        var published = Published(dir.Path, "init", "--files-only", "--rootfs", "b", "--config", "init.yaml");

        Assert.True(inProcess.ExitCode == 0, inProcess.Err);
        Assert.True(published.ExitCode == 0, published.All);
        string[] Tree(string root) => [.. Directory.GetFileSystemEntries(dir[root], "*", SearchOption.AllDirectories)
            .Select(p => $"{Path.GetRelativePath(dir[root], p)} {File.GetUnixFileMode(p)}").Order(StringComparer.Ordinal)];
        Assert.Equal(Tree("a"), Tree("b"));
        // keys and certificates are fresh each run; everything made from the config alone is the same
        foreach (var file in (string[])["etc/kubernetes/manifests/kube-apiserver.yaml", "etc/kubernetes/manifests/etcd.yaml", "var/lib/kubelet/config.yaml",
            "var/lib/kubelet/kubeadm-flags.env"])
        {
            Assert.True(string.Equals(File.ReadAllText(dir[$"a/{file}"]), File.ReadAllText(dir[$"b/{file}"]), StringComparison.Ordinal), $"{file} differs");
        }
    }
}
