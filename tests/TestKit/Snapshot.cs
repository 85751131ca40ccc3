using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Kiln.TestKit;

/// <summary>
/// Golden-file assertions: compares text with tests/snapshots/NAME.verified.EXT. A mismatch writes
/// NAME.received.EXT (git-ignored) and fails with a line diff. Goldens change only with UPDATE_SNAPSHOTS=1;
/// a missing golden is created locally but fails when CI is set.
/// </summary>
public static class Snapshot
{
    public static string Directory { get; } = FindDirectory();

    public static void Match(string actual, string name, string extension = "txt")
    {
        var verified = Path.Combine(Directory, $"{name}.verified.{extension}");
        var received = Path.Combine(Directory, $"{name}.received.{extension}");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        actual = Normalize(actual);
        var update = string.Equals(Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS"), "1", StringComparison.Ordinal);
        if (!File.Exists(verified) || update)
        {
            if (!update && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                File.WriteAllText(received, actual, new UTF8Encoding(false));
                Assert.Fail($"snapshot {name} is missing in CI (wrote {received}); create it locally with UPDATE_SNAPSHOTS=1, read it, and commit it");
            }

            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
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
