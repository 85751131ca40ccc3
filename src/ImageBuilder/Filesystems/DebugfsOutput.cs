using System.Globalization;
using System.Text.RegularExpressions;

namespace Kiln.ImageBuilder.Filesystems;

/// <summary>Parses the output of <c>debugfs -f</c> runs of <c>stat</c> commands: each command is echoed as <c>debugfs: stat "PATH"</c>.</summary>
public static partial class DebugfsOutput
{
    public static IReadOnlyDictionary<string, DebugfsStat> Stats(string stdout)
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
                head = (m.Groups["type"].Value, Convert.ToInt32(m.Groups["mode"].Value, 8));
            }
            else if (head is { } h && UserLine().Match(line) is { Success: true } u)
            {
                result[path] = new DebugfsStat(h.Type, h.Mode, int.Parse(u.Groups["uid"].Value, CultureInfo.InvariantCulture),
                    int.Parse(u.Groups["gid"].Value, CultureInfo.InvariantCulture), long.Parse(u.Groups["size"].Value, CultureInfo.InvariantCulture));
                path = null;
            }
        }

        return result;
    }

    [GeneratedRegex(@"^Inode: \d+\s+Type: (?<type>\S+)\s+Mode:\s+(?<mode>[0-7]+)", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InodeLine();

    [GeneratedRegex(@"^User:\s+(?<uid>\d+)\s+Group:\s+(?<gid>\d+)\s+(?:Project:\s+\d+\s+)?Size: (?<size>\d+)", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserLine();
}
