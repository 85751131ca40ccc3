using Kiln.Phases.Targets;
using Kiln.Reliability.Tests.Kill;
using Kiln.TestKit;
using Xunit.Abstractions;

namespace Kiln.Reliability.Tests.Faults;

/// <summary>
/// Two kiln runs on one directory: <c>kiln init</c> on the same root, <c>kiln image build</c> with the same state. The
/// second is refused with a message naming the locked directory (exit 1) and writes nothing, or, when the first has
/// already finished, both succeed; either way the files are whole and from one run.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    const int Rounds = 5;
    static readonly Dictionary<string, string> s_environment = new(StringComparer.Ordinal) { ["SOURCE_DATE_EPOCH"] = "1767225600" };

    [Fact]
    public void Init_RootLockedByAnotherRun_RefusedNamingTheLockAndNothingWritten()
    {
        using var dir = new TempDir("kiln-race-");
        File.WriteAllText(dir["init.yaml"], InitConfigs.Text());
        Directory.CreateDirectory(dir["root"]);

        using (var held = DirectoryLock.TryAcquire(dir["root"]))
        {
            Assert.NotNull(held);
            var refused = PublishedKiln.Run(dir.Path, s_environment, "init", "--files-only", "--rootfs", "root", "--config", "init.yaml");

            Assert.True(refused.ExitCode == 1, refused.All);
            Assert.Contains($"kiln: another kiln init is running on {dir["root"]} (it holds the lock on that directory)", refused.Err, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(dir["root"]));
        }

        var after = PublishedKiln.Run(dir.Path, s_environment, "init", "--files-only", "--rootfs", "root", "--config", "init.yaml");
        Assert.True(after.ExitCode == 0, after.All);
    }

    [Fact]
    public void ImageBuild_StateLockedByAnotherBuild_RefusedAndNothingWritten()
    {
        using var dir = new TempDir("kiln-race-");
        File.WriteAllText(dir["recipe.yaml"], Recipe);
        Directory.CreateDirectory(dir["state"]);

        using var held = DirectoryLock.TryAcquire(dir["state"]);
        Assert.NotNull(held);
        var refused = PublishedKiln.Run(dir.Path, s_environment, "image", "build", "recipe.yaml", "--out", "out", "--state", "state");

        Assert.True(refused.ExitCode == 1, refused.All);
        Assert.Contains($"kiln: another kiln image build is running on {dir["state"]}", refused.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir["state"]));
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public async Task Init_TwoRunsAtOnceOnOneRoot_OneRefusedOrBothDone_FilesWholeAndFromOneCa()
    {
        using var dir = new TempDir("kiln-race-");
        await File.WriteAllTextAsync(dir["init.yaml"], InitConfigs.Text());
        var refusals = 0;

        for (var round = 0; round < Rounds; round++)
        {
            var root = dir[$"root-{round}"];
            var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                KilledRun.RunAsync(dir.Path, s_environment, null, "init", "--files-only", "--rootfs", root, "--config", "init.yaml")));

            refusals += AssertOneWonOthersRefused(runs, "kiln init", root);
            Assert.True(Artifacts.AssertWholeNodeTree(root) > 30);
        }

        output.WriteLine($"{Rounds} rounds of two inits at once: {refusals} refused by the lock, {2 * Rounds - refusals} done");
    }

    [Fact]
    public async Task ImageBuild_TwoBuildsAtOnceOnOneState_OneRefusedOrBothDone_ImagesVerify()
    {
        using var dir = new TempDir("kiln-race-");
        await File.WriteAllTextAsync(dir["recipe.yaml"], Recipe);
        var refusals = 0;

        for (var round = 0; round < 2; round++)
        {
            var state = dir[$"state-{round}"];
            var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
                KilledRun.RunAsync(dir.Path, s_environment, null, "image", "build", "recipe.yaml", "--out", $"out-{round}-{i}", "--state", state)));

            refusals += AssertOneWonOthersRefused(runs, "kiln image build", state);
            for (var i = 0; i < 2; i++)
            {
                if (runs[i].ExitCode == 0)
                {
                    var verify = PublishedKiln.Run(dir.Path, s_environment, "image", "verify", dir[$"out-{round}-{i}/t.raw"]);
                    Assert.True(verify.ExitCode == 0, verify.All);
                }
            }

            Artifacts.AssertWholeState(state);
        }

        output.WriteLine($"2 rounds of two builds at once: {refusals} refused by the lock, {4 - refusals} done");
    }

    static int AssertOneWonOthersRefused(KilledRun.Outcome[] runs, string command, string directory)
    {
        Assert.Contains(runs, r => r.ExitCode == 0);
        var refused = runs.Where(r => r.ExitCode != 0).ToList();
        foreach (var r in refused)
        {
            Assert.True(r.ExitCode == 1 && r.Output.Contains($"kiln: another {command} is running on {directory}", StringComparison.Ordinal), r.Output);
        }

        return refused.Count;
    }

    static readonly string Recipe = InitConfigs.ImageRecipe("raw");
}
