using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Kiln.TestKit;

/// <summary>
/// Golden-file assertions: compares text with tests/snapshots/NAME.verified.EXT. A mismatch, or a missing
/// golden, writes NAME.received.EXT (git-ignored) and fails with a line diff. Goldens are created or changed
/// only with UPDATE_SNAPSHOTS=1, so a golden that was never committed cannot pass by creating itself.
/// </summary>
public static class Snapshot
{
    public static string Directory { get; } = FindDirectory();

    static bool UpdateRequested =>
        string.Equals(Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS"), "1", StringComparison.Ordinal);

    public static void Match(string actual, string name, string extension = "txt") =>
        Match(actual, name, extension, Directory, UpdateRequested);

    /// <summary>The comparison itself, with the golden directory and the update switch explicit (tested).</summary>
    public static void Match(string actual, string name, string extension, string directory, bool update)
    {
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        actual = Normalize(actual);
        if (update)
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual, new UTF8Encoding(false));
            Assert.Fail($"snapshot {name} is missing (wrote {received}); create it with UPDATE_SNAPSHOTS=1, read it, and commit it");
        }

        var expected = Normalize(File.ReadAllText(verified));
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail($"snapshot {name} differs (see {received}; accept with UPDATE_SNAPSHOTS=1):\n{LineDiff.Render(expected, actual)}");
    }

    static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    static string FindDirectory([CallerFilePath] string here = "")
    {
        // the source path works in local builds; the walk up from the binaries works when paths are mapped in CI
        foreach (var start in new[] { Path.GetDirectoryName(here), AppContext.BaseDirectory })
        {
            for (var dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(Path.Combine(dir, "Installer.sln")))
                {
                    return Path.Combine(dir, "tests", "snapshots");
                }
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Installer.sln) above the tests");
    }
}
