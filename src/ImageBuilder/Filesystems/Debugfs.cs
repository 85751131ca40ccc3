using Kiln.ImageBuilder.Tools;

namespace Kiln.ImageBuilder.Filesystems;

/// <summary>
/// Runs <c>debugfs</c> command scripts on an ext4 filesystem (a device such as <c>disk.raw?offset=N</c>): the one place
/// that writes the command file, runs <c>debugfs -f</c> and tells debugfs' failures from its banner.
/// </summary>
public static class Debugfs
{
    // what `stat` says (trimmed) of a path that does not exist, or runs through a file; StatAsync expects these
    static readonly string[] s_absent = [": File not found by ext2_lookup", ": Ext2 inode is not a directory"];

    /// <summary>Runs the commands, one a line, read-only unless <paramref name="write"/>; throws when debugfs itself exits non-zero.</summary>
    public static async Task<DebugfsResult> RunAsync(ToolRunner tools, string device, IEnumerable<string> commands, bool write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(commands);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, string.Concat(commands.Select(c => c + "\n")), cancellationToken);
            var result = await tools.RunCheckedAsync("debugfs", write ? ["-w", "-f", file, device] : ["-f", file, device], cancellationToken);
            return new DebugfsResult(result.Out, Problems(result.Err));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs the commands and throws, naming <paramref name="what"/> and the first complaints, if any command failed.</summary>
    public static async Task<DebugfsResult> RunCheckedAsync(ToolRunner tools, string device, IEnumerable<string> commands, bool write, string what,
        CancellationToken cancellationToken)
    {
        var result = await RunAsync(tools, device, commands, write, cancellationToken);
        if (result.Problems.Count > 0)
        {
            throw new ImageBuildException($"debugfs could not {what}: {string.Join(" / ", result.Problems.Take(3))}");
        }

        return result;
    }

    /// <summary>
    /// <c>stat</c>s each path; a path that does not exist (or runs through a file) is absent from the result. Any other complaint (an unreadable
    /// filesystem, say) throws, so it is not mistaken for every path missing.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, DebugfsStat>> StatAsync(ToolRunner tools, string device, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var result = await RunAsync(tools, device, paths.Select(p => $"stat \"{p}\""), write: false, cancellationToken);
        var problems = result.Problems.Where(p => !s_absent.Any(a => p.EndsWith(a, StringComparison.Ordinal))).ToList();
        if (problems.Count > 0)
        {
            throw new ImageBuildException($"debugfs could not read {device}: {string.Join(" / ", problems.Take(3))}");
        }

        return DebugfsOutput.Stats(result.Out);
    }

    /// <summary>The stderr lines that are complaints: all but the <c>debugfs 1.47.0 (date)</c> banner.</summary>
    internal static IReadOnlyList<string> Problems(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("debugfs ", StringComparison.Ordinal)).ToList();
}
