using System.Globalization;
using System.Text.RegularExpressions;

namespace Kiln.ImageBuilder.Filesystems;

/// <summary>An inode as <c>debugfs stat</c> shows it.</summary>
public sealed record DebugfsStat(string Type, int Mode, int Uid, int Gid, long Size);

/// <summary>Parses the output of <c>debugfs -f</c> runs of <c>stat</c> commands: each command is echoed as <c>debugfs: stat "PATH"</c>.</summary>
public static partial class DebugfsOutput
{
    public static Dictionary<string, DebugfsStat> Stats(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var result = new Dictionary<string, DebugfsStat>(StringComparer.Ordinal);
        string? path = null;
        (string Type, int Mode)? head = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("debugfs: stat ", StringComparison.Ordinal))
            {
                path = line["debugfs: stat ".Length..].Trim().Trim('"');
                head = null;
                continue;
            }

            if (path is null)
            {
                continue;
            }

            if (InodeLine().Match(line) is { Success: true } m)
            {
                head = (m.Groups[1].Value, Convert.ToInt32(m.Groups[2].Value, 8));
            }
            else if (head is { } h && UserLine().Match(line) is { Success: true } u)
            {
                result[path] = new DebugfsStat(h.Type, h.Mode, int.Parse(u.Groups[1].Value, CultureInfo.InvariantCulture),
                    int.Parse(u.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(u.Groups[3].Value, CultureInfo.InvariantCulture));
                path = null;
            }
        }

        return result;
    }

    [GeneratedRegex(@"^Inode: \d+\s+Type: (\S+)\s+Mode:\s+([0-7]+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InodeLine();

    [GeneratedRegex(@"^User:\s+(\d+)\s+Group:\s+(\d+)\s+(?:Project:\s+\d+\s+)?Size: (\d+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserLine();
}
