// Times `kiln image build images/single-node.yaml` (a second build, with the state of the first) against a bare
// shell pipeline of the same tools on the same node tree (sfdisk + mke2fs -d + qemu-img convert), in the same run;
// prints medians and the ratios. Both make a 256 MiB GPT disk with one ext4 partition, as raw and qcow2; a second
// reference adds sha256sum of both outputs, which kiln's manifest always records. kiln is the build eng/publish.sh
// installs, Native AOT (pass --ready-to-run for that variant); `dotnet kiln.dll` of this bench's own build is shown too.
using System.Diagnostics;
using System.Globalization;

var readyToRun = args.Contains("--ready-to-run");
var runs = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(5);
var repo = FindRepo();
var kilnDll = Path.Combine(AppContext.BaseDirectory, "kiln.dll");
var work = Directory.CreateTempSubdirectory("kiln-bench-image-").FullName;
try
{
    var recipe = Path.Combine(repo, "images", "single-node.yaml");
    var state = Path.Combine(work, "state");
    Console.WriteLine($"publishing kiln with eng/publish.sh{(readyToRun ? " --ready-to-run" : "")} ...");
    var publish = new List<string> { Path.Combine(repo, "eng", "publish.sh") };
    publish.AddRange(readyToRun ? ["--ready-to-run"] : []);
    publish.Add(Path.Combine(work, "kiln"));
    Run("bash", [.. publish]);
    var kiln = Path.Combine(work, "kiln", "kiln");
    Run(kiln, "image", "build", recipe, "--out", Path.Combine(work, "first"), "--state", state);

    // the same tree for the pipeline: the node files the first build put in the image
    var tree = Path.Combine(work, "tree");
    Directory.CreateDirectory(tree);
    Run("debugfs", "-R", $"rdump / {tree}", Path.Combine(work, "first", "single-node.raw") + "?offset=1048576");
    var script = Path.Combine(work, "pipeline.sh");
    File.WriteAllText(script, """
        set -euo pipefail
        out=$1; tree=$2
        rm -f "$out/disk.raw" "$out/disk.qcow2"
        mkdir -p "$out"
        truncate -s 256M "$out/disk.raw"
        printf 'label: gpt\nstart=2048, size=520192, name=root\n' | sfdisk -q "$out/disk.raw"
        mke2fs -q -F -t ext4 -E offset=1048576 -d "$tree" "$out/disk.raw" 260096k
        qemu-img convert -f raw -O qcow2 "$out/disk.raw" "$out/disk.qcow2"
        """);

    Console.WriteLine($"image benchmark: {runs} runs each, {Environment.ProcessorCount} cores, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}");
    var kilnTimes = Times(runs, () => Run(kiln, "image", "build", recipe, "--out", Path.Combine(work, "again"), "--state", state));
    var dotnetTimes = Times(runs, () => Run("dotnet", kilnDll, "image", "build", recipe, "--out", Path.Combine(work, "again"), "--state", state));
    var shellTimes = Times(runs, () => Run("bash", script, Path.Combine(work, "shell"), tree));
    // the same pipeline plus what kiln's manifest needs at least: the sha256 of each output
    var hashedTimes = Times(runs, () => Run("bash", "-c", $"bash {script} \"$1\" \"$2\" && sha256sum \"$1/disk.raw\" \"$1/disk.qcow2\" >/dev/null", "bench",
        Path.Combine(work, "shell"), tree));
    var k = Median(kilnTimes);
    var s = Median(shellTimes);
    var h = Median(hashedTimes);
    var d = Median(dotnetTimes);
    Console.WriteLine($"kiln image build (state reused)   median {k:F3} s   [{string.Join(' ', kilnTimes.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}]");
    Console.WriteLine($"  the same as dotnet kiln.dll       median {d:F3} s   [{string.Join(' ', dotnetTimes.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}]");
    Console.WriteLine($"sfdisk + mke2fs -d + qemu-img     median {s:F3} s   [{string.Join(' ', shellTimes.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}]");
    Console.WriteLine($"  + sha256sum of both outputs       median {h:F3} s   [{string.Join(' ', hashedTimes.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))}]");
    Console.WriteLine($"ratio kiln/pipeline: {k / s:F2}x; kiln/(pipeline + sha256sum): {k / h:F2}x; dotnet kiln.dll/pipeline: {d / s:F2}x");
}
finally
{
    Directory.Delete(work, recursive: true);
}

static List<double> Times(int runs, Action action)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times.Add(watch.Elapsed.TotalSeconds);
    }

    return times;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static void Run(string file, params string[] args)
{
    var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in args)
    {
        start.ArgumentList.Add(a);
    }

    start.Environment["SOURCE_DATE_EPOCH"] = "1767225600";
    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {stderr.Result}{stdout.Result}");
    }
}

static string FindRepo()
{
    for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
    {
        if (File.Exists(Path.Combine(dir, "Installer.sln")))
        {
            return dir;
        }
    }

    throw new InvalidOperationException("run from inside the repository");
}
