using Kiln.Cli;
using Kiln.ImageBuilder.Recipes;
using Kiln.Phases.Config;
using Kiln.TestKit;
using Xunit.Abstractions;

namespace Kiln.Reliability.Tests.Hostile;

/// <summary>
/// Hostile configs and recipes against the loader and validator, in-process: no exception, no hang (each case runs
/// under a time bound and a hung one fails the test instead of the test host), bounded allocation, every rejection
/// located (file:line:col); a sample also goes through the CLI, which must exit 2 and write nothing.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    // the corpus' seeds: a failing case reproduces from them and the case's name
    const int ConfigSeed = 20_201;
    const int RecipeSeed = 20_202;
    const int ConfigCount = 1_000;
    const int RecipeCount = 200;
    const string File = "hostile.yaml";

    // generous: a case takes milliseconds; this only turns a hang into a failure, it does not measure speed. The bound is
    // wall-clock time, and the suite runs its projects side by side with real nodes on 2 cores: 10 s failed 4 of 1,021
    // cases at load ~90, so it is 60 s (a hang still fails, after a minute)
    static readonly TimeSpan s_perCase = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Configs_SeededHostileCorpus_NoCrashNoHangEveryRejectionLocated()
    {
        var cases = new HostileCorpus(ConfigSeed).Configs(ConfigCount).ToList();

        var report = await RunAllAsync(cases, c => LoadConfig(c.Bytes));

        Assert.True(cases.Count >= ConfigCount);
        Assert.True(report.Problems.Count == 0, report.Describe());
    }

    [Fact]
    public async Task Recipes_SeededHostileCorpus_NoCrashNoHangEveryRejectionLocated()
    {
        var cases = new HostileCorpus(RecipeSeed).Recipes(RecipeCount).ToList();

        var report = await RunAllAsync(cases, c => LoadRecipe(c.Bytes));

        Assert.True(cases.Count >= RecipeCount);
        Assert.True(report.Problems.Count == 0, report.Describe());
    }

    [Fact]
    public async Task Configs_SampleThroughCli_RejectedExit2LocatedAndNothingWritten()
    {
        var cases = new HostileCorpus(ConfigSeed).Configs(ConfigCount).Where((_, i) => i % 20 == 0).ToList();
        var problems = new List<string>();
        var rejected = 0;

        foreach (var c in cases)
        {
            using var dir = new TempDir("kiln-hostile-");
            await System.IO.File.WriteAllBytesAsync(dir[File], c.Bytes);
            var loaded = LoadConfig(c.Bytes);
            var (code, err) = await RunCliAsync(dir.Path, "init", "--files-only", "--rootfs", "root", "--config", File);
            if (!loaded.Rejected)
            {
                continue;
            }

            rejected++;
            if (code != ExitCodes.UsageError)
            {
                problems.Add($"{c}: exit {code}, expected 2\n{err}");
            }

            if (!err.Contains($"{File}:", StringComparison.Ordinal) || !loaded.Findings.All(f => err.Contains(f.At.ToString(), StringComparison.Ordinal)))
            {
                problems.Add($"{c}: stderr does not name every location\n{Clip(err)}");
            }

            if (Directory.Exists(dir["root"]) || Directory.EnumerateFileSystemEntries(dir.Path).Count() != 1)
            {
                problems.Add($"{c}: a rejected config wrote files: {string.Join(", ", Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories))}");
            }
        }

        output.WriteLine($"{cases.Count} configs through the CLI, {rejected} rejected");
        Assert.True(rejected >= cases.Count / 2, $"only {rejected} of {cases.Count} rejected: the corpus is not hostile enough");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public async Task Recipes_SampleThroughCli_RejectedExit2LocatedAndNothingWritten()
    {
        var cases = new HostileCorpus(RecipeSeed).Recipes(RecipeCount).Where((_, i) => i % 5 == 0).ToList();
        var problems = new List<string>();
        var rejected = 0;

        foreach (var c in cases)
        {
            using var dir = new TempDir("kiln-hostile-");
            await System.IO.File.WriteAllBytesAsync(dir[File], c.Bytes);
            await System.IO.File.WriteAllTextAsync(dir["worker-join.yaml"], HostileCorpus.RecipeKubeadmFile);
            var loaded = LoadRecipe(c.Bytes);
            if (!loaded.Rejected)
            {
                continue;
            }

            rejected++;
            var (code, err) = await RunCliAsync(dir.Path, "image", "build", File, "--out", "out", "--state", "state");
            if (code != ExitCodes.UsageError)
            {
                problems.Add($"{c}: exit {code}, expected 2\n{Clip(err)}");
            }

            if (!loaded.Findings.All(f => err.Contains(f.At.ToString(), StringComparison.Ordinal)))
            {
                problems.Add($"{c}: stderr does not name every location\n{Clip(err)}");
            }

            if (Directory.Exists(dir["out"]) || Directory.Exists(dir["state"]))
            {
                problems.Add($"{c}: a rejected recipe wrote files");
            }
        }

        output.WriteLine($"{cases.Count} recipes through the CLI, {rejected} rejected");
        Assert.True(rejected >= cases.Count / 2, $"only {rejected} of {cases.Count} rejected: the corpus is not hostile enough");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    sealed record Outcome(bool Rejected, IReadOnlyList<ConfigError> Findings, string Rendered);

    sealed record Report(int Cases, int Rejected, List<string> Problems)
    {
        public string Describe() => $"{Problems.Count} problems in {Cases} cases:\n" + string.Join("\n\n", Problems.Take(30));
    }

    static Outcome LoadConfig(byte[] bytes)
    {
        var findings = new List<ConfigError>();
        if (InputText.Decode(File, bytes, findings) is not { } text)
        {
            return new Outcome(true, findings, ConfigErrorRenderer.Render(findings, new Dictionary<string, string>(StringComparer.Ordinal)));
        }

        var loaded = ConfigLoader.Load(File, text, TestHost.Facts);
        return new Outcome(loaded.HasErrors || loaded.Config is null, Errors(loaded.Findings), loaded.Render());
    }

    static Outcome LoadRecipe(byte[] bytes)
    {
        var findings = new List<ConfigError>();
        if (InputText.Decode(File, bytes, findings) is not { } text)
        {
            return new Outcome(true, findings, ConfigErrorRenderer.Render(findings, new Dictionary<string, string>(StringComparer.Ordinal)));
        }

        var loaded = RecipeLoader.Load(File, text, [], path => string.Equals(path, "worker-join.yaml", StringComparison.Ordinal) ? HostileCorpus.RecipeKubeadmFile : null);
        return new Outcome(loaded.HasErrors || loaded.Recipe is null, Errors(loaded.Findings), loaded.Render());
    }

    static List<ConfigError> Errors(IEnumerable<ConfigError> findings) => findings.Where(f => f.Severity == Severity.Error).ToList();

    async Task<Report> RunAllAsync(List<HostileCase> cases, Func<HostileCase, Outcome> load)
    {
        var problems = new List<string>();
        var rejected = 0;
        long maxAllocated = 0;
        var started = TimeProvider.System.GetTimestamp();
        foreach (var c in cases)
        {
            // a dedicated thread with an ordinary 8 MB stack (the main thread's), so a deep input is judged by the loader, not by a pool thread's smaller stack
            var run = new TaskCompletionSource<(Outcome Outcome, long Allocated)>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var outcome = load(c);
                    run.SetResult((outcome, GC.GetAllocatedBytesForCurrentThread() - before));
                }
#pragma warning disable CA1031 // any exception out of the loader is the finding this test looks for
                catch (Exception e)
#pragma warning restore CA1031
                {
                    run.SetException(e);
                }
            }, 8 * 1024 * 1024) { IsBackground = true };
            thread.Start();
            Outcome outcome;
            long allocated;
            try
            {
                (outcome, allocated) = await run.Task.WaitAsync(s_perCase);
            }
            catch (TimeoutException)
            {
                problems.Add($"{c}: HANG, no result within {s_perCase.TotalSeconds} s");
                continue;
            }
#pragma warning disable CA1031 // recorded as a crash with its stack
            catch (Exception e)
#pragma warning restore CA1031
            {
                problems.Add($"{c}: CRASH {e}");
                continue;
            }

            maxAllocated = Math.Max(maxAllocated, allocated);
            var bound = (64L * 1024 * 1024) + (64L * c.Bytes.Length);
            if (allocated > bound)
            {
                problems.Add($"{c}: allocated {allocated / 1024 / 1024} MiB for {c.Bytes.Length} bytes of input (bound {bound / 1024 / 1024} MiB)");
            }

            if (outcome.Rendered.Length > (64 * 1024) + (outcome.Findings.Count * 1024))
            {
                problems.Add($"{c}: the error output is {outcome.Rendered.Length} characters: {Clip(outcome.Rendered)}");
            }

            if (!outcome.Rejected)
            {
                continue;
            }

            rejected++;
            if (outcome.Findings.Count == 0)
            {
                problems.Add($"{c}: rejected without an error");
            }

            foreach (var f in outcome.Findings.Where(f => f.At.Line < 1 || f.At.Column < 1))
            {
                problems.Add($"{c}: UNLOCATED {f}");
            }
        }

        var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        output.WriteLine($"{cases.Count} cases, {rejected} rejected, {problems.Count} problems, max allocation {maxAllocated / 1024 / 1024} MiB, {seconds:F1} s");
        return new Report(cases.Count, rejected, problems);
    }

    static async Task<(int Code, string Err)> RunCliAsync(string workingDirectory, params string[] args)
    {
        await using var stdout = new StringWriter();
        await using var stderr = new StringWriter();
        var code = await KilnCli.RunAsync(args, new CliContext(stdout, stderr, TestHost.Facts, workingDirectory));
        return (code, stderr.ToString());
    }

    static string Clip(string s) => s.Length <= 2000 ? s : s[..2000] + $"... ({s.Length} characters)";
}
