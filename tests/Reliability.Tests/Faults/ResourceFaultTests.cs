using Kiln.Reliability.Tests.Kill;
using Kiln.TestKit;

namespace Kiln.Reliability.Tests.Faults;

/// <summary>
/// The published kiln where its directories are wrong (a file where a directory belongs, and the reverse), on a full
/// or read-only filesystem (a small tmpfs the test mounts), or without a Debian tool: one clear error in Kiln's words
/// (the path, what was expected, a hint), exit 1, and nothing half-written: every file left is whole and valid, no
/// temp file, no image at its final path.
/// </summary>
public sealed class ResourceFaultTests
{
    const string Epoch = "1767225600";

    static readonly Dictionary<string, string> s_environment = new(StringComparer.Ordinal) { ["SOURCE_DATE_EPOCH"] = Epoch };

    // .NET's own wording, which must not reach the user
    static readonly string[] s_rawDotNet = ["already exists.", "Could not find a part of the path", " : '", "Exception", "   at ", "HResult"];

    static readonly string[] s_init = ["init", "--files-only", "--rootfs", "root", "--config", "init.yaml"];

    static TempDir InitDir()
    {
        var dir = new TempDir("kiln-fault-");
        File.WriteAllText(dir["init.yaml"], InitConfigs.Text());
        return dir;
    }

    static TempDir BuildDir()
    {
        var dir = new TempDir("kiln-fault-");
        File.WriteAllText(dir["recipe.yaml"], InitConfigs.ImageRecipe("raw, qcow2"));
        return dir;
    }

    static string[] Build(string output = "out", string state = "state") => ["image", "build", "recipe.yaml", "--out", output, "--state", state];

    [Fact]
    public void Init_FileWhereManifestsDirectoryBelongs_NamesItWithHint()
    {
        using var dir = InitDir();
        Directory.CreateDirectory(dir["root/etc/kubernetes"]);
        File.WriteAllText(dir["root/etc/kubernetes/manifests"], "");

        var result = PublishedKiln.Run(dir.Path, null, s_init);

        AssertOneClearError(result, $"{dir["root/etc/kubernetes/manifests"]} is a file, but Kiln needs a directory there", "hint: move or remove");
        Artifacts.AssertWholeNodeTree(dir["root"], allowed: "/etc/kubernetes/manifests");
    }

    [Fact]
    public void Init_DirectoryWhereManifestBelongs_NamesItWithHint()
    {
        using var dir = InitDir();
        Directory.CreateDirectory(dir["root/etc/kubernetes/manifests/etcd.yaml"]);

        var result = PublishedKiln.Run(dir.Path, null, s_init);

        AssertOneClearError(result, $"{dir["root/etc/kubernetes/manifests/etcd.yaml"]} is a directory, but Kiln writes a file there", "hint: move or remove the directory");
        Artifacts.AssertWholeNodeTree(dir["root"]);
    }

    [Fact]
    public void Init_RootfsIsAFile_NamesItWithHint()
    {
        using var dir = InitDir();
        File.WriteAllText(dir["root"], "");

        var result = PublishedKiln.Run(dir.Path, null, s_init);

        AssertOneClearError(result, $"{dir["root"]} is a file, but Kiln needs a directory there", "hint: move or remove");
    }

    [Fact]
    public void Init_RootfsMissing_IsCreatedLikeMkdirP()
    {
        using var dir = InitDir();

        var result = PublishedKiln.Run(dir.Path, null, ["init", "--files-only", "--rootfs", "new/root", "--config", "init.yaml"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(Artifacts.AssertWholeNodeTree(dir["new/root"]) > 30);
    }

    [Fact]
    public void Init_RootfsOnFullFilesystem_NoSpaceNamedAndEveryWrittenFileWhole()
    {
        using var dir = InitDir();
        // room for some of the ~35 files (a page each), not all: the run fails part-way
        using var mount = Mount.Tmpfs(dir.Path, "64k");

        var result = PublishedKiln.Run(dir.Path, null, ["init", "--files-only", "--rootfs", mount.Path, "--config", "init.yaml"]);

        AssertOneClearError(result, $"no space left on the filesystem that holds {mount.Path}/", "hint: free space there");
        Assert.True(Artifacts.AssertWholeNodeTree(mount.Path) > 0, "the run should have written some files before the disk was full");
    }

    [Fact]
    public void Init_RootfsReadOnly_NamedWithHint()
    {
        using var dir = InitDir();
        using var mount = Mount.Tmpfs(dir.Path, "1m", readOnly: true);

        var result = PublishedKiln.Run(dir.Path, null, ["init", "--files-only", "--rootfs", mount.Path, "--config", "init.yaml"]);

        AssertOneClearError(result, $"{mount.Path}/etc is on a read-only filesystem", "hint: remount it read-write");
        Assert.Empty(Directory.GetFileSystemEntries(mount.Path));
    }

    [Theory]
    [InlineData("out")]
    [InlineData("state")]
    public void ImageBuild_OutOrStateIsAFile_NamesItWithHint(string directory)
    {
        using var dir = BuildDir();
        File.WriteAllText(dir[directory], "");

        var result = PublishedKiln.Run(dir.Path, s_environment, Build());

        AssertOneClearError(result, $"{dir[directory]} is a file, but Kiln needs a directory there", "hint: move or remove");
        // the other one: no state made, no image left
        Assert.False(Directory.Exists(dir["state"]));
        AssertNoImage(dir["out"]);
    }

    [Fact]
    public void ImageBuild_OutAndStateMissing_AreCreated()
    {
        using var dir = BuildDir();

        var result = PublishedKiln.Run(dir.Path, s_environment, Build("a/out", "b/state"));

        Assert.True(result.ExitCode == 0, result.All);
        Assert.True(File.Exists(dir["a/out/t.raw"]) && File.Exists(dir["b/state/seed"]), result.All);
    }

    [Fact]
    public void ImageBuild_OutOnFullFilesystem_NoSpaceNamedAndNoImageLeft()
    {
        using var dir = BuildDir();
        using var mount = Mount.Tmpfs(dir.Path, "512k");

        var result = PublishedKiln.Run(dir.Path, s_environment, Build(mount.Path));

        AssertOneClearError(result, $"no space left on the filesystem that holds {mount.Path}", "hint: free space there");
        AssertNoImage(mount.Path);
        Assert.Empty(Directory.GetFileSystemEntries(mount.Path));
        Artifacts.AssertWholeState(dir["state"]);
    }

    [Fact]
    public void ImageBuild_StateOnFullFilesystem_NoSpaceNamedAndStateStillOpens()
    {
        using var dir = BuildDir();
        using var mount = Mount.Tmpfs(dir.Path, "32k");

        var result = PublishedKiln.Run(dir.Path, s_environment, Build(state: mount.Path + "/state"));

        AssertOneClearError(result, $"no space left on the filesystem that holds {mount.Path}/state", "hint: free space there");
        AssertNoImage(dir["out"]);
        Artifacts.AssertWholeState(mount.Path + "/state");
    }

    [Fact]
    public void ImageBuild_OutReadOnly_NamedWithHint()
    {
        using var dir = BuildDir();
        using var mount = Mount.Tmpfs(dir.Path, "1m", readOnly: true);

        var result = PublishedKiln.Run(dir.Path, s_environment, Build(mount.Path + "/out"));

        AssertOneClearError(result, $"{mount.Path}/out is on a read-only filesystem", "hint: remount it read-write");
        Assert.False(Directory.Exists(dir["state"]));
    }

    [Fact]
    public void ImageBuild_StateReadOnly_NamedWithHint()
    {
        using var dir = BuildDir();
        using var mount = Mount.Tmpfs(dir.Path, "1m", readOnly: true);

        var result = PublishedKiln.Run(dir.Path, s_environment, Build(state: mount.Path + "/state"));

        AssertOneClearError(result, $"{mount.Path}/state is on a read-only filesystem", "hint: remount it read-write");
        AssertNoImage(dir["out"]);
    }

    [Fact]
    public void ImageBuild_WithoutMke2fsOnPath_NamesTheDebianPackage()
    {
        using var dir = BuildDir();
        // every tool of /usr/sbin and /usr/bin but mke2fs (and its mkfs.ext4 alias)
        Directory.CreateDirectory(dir["bin"]);
        foreach (var tool in Directory.GetFiles("/usr/sbin").Concat(Directory.GetFiles("/usr/bin")))
        {
            var name = Path.GetFileName(tool);
            if (name is not ("mke2fs" or "mkfs.ext4") && !File.Exists(dir[$"bin/{name}"]))
            {
                File.CreateSymbolicLink(dir[$"bin/{name}"], tool);
            }
        }

        var environment = new Dictionary<string, string>(s_environment, StringComparer.Ordinal) { ["PATH"] = dir["bin"] };
        var result = PublishedKiln.Run(dir.Path, environment, Build());

        AssertOneClearError(result, "mke2fs not found: install the Debian package e2fsprogs", "");
        AssertNoImage(dir["out"]);
        Artifacts.AssertWholeState(dir["state"]);
    }

    static void AssertOneClearError(Tool.Result result, string message, string hint)
    {
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}, expected 1\n{result.All}");
        var errors = result.Err.Split('\n').Where(l => l.StartsWith("kiln: ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, $"expected one error line on stderr:\n{result.Err}");
        Assert.Contains(message, errors[0], StringComparison.Ordinal);
        Assert.Contains(hint, result.Err, StringComparison.Ordinal);
        foreach (var raw in s_rawDotNet)
        {
            Assert.DoesNotContain(raw, result.All, StringComparison.Ordinal);
        }
    }

    static void AssertNoImage(string output)
    {
        if (!Directory.Exists(output))
        {
            return;
        }

        var left = Directory.GetFiles(output).Select(f => Path.GetFileName(f)).ToList();
        Assert.True(left.TrueForAll(f => f.EndsWith(".manifest.json", StringComparison.Ordinal)), $"left in {output}: {string.Join(", ", left)}");
    }
}
