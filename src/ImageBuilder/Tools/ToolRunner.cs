using System.ComponentModel;
using System.Diagnostics;

namespace Kiln.ImageBuilder.Tools;

/// <summary>
/// Runs the Debian tools the builder uses with an argument list (never a shell) and a clean environment, so the locale,
/// the time zone and the caller's variables cannot change the bytes. A missing tool is one line naming its package.
/// </summary>
public sealed class ToolRunner(long epoch)
{
    static readonly Dictionary<string, string> s_packages = new(StringComparer.Ordinal)
    {
        ["mke2fs"] = "e2fsprogs",
        ["debugfs"] = "e2fsprogs",
        ["e2fsck"] = "e2fsprogs",
        ["qemu-img"] = "qemu-utils",
        ["sgdisk"] = "gdisk",
        ["ctr"] = "containerd",
    };

    public long Epoch => epoch;

    public static string PackageOf(string tool) => s_packages.TryGetValue(tool, out var p) ? p : tool;

    /// <summary>Whether a tool is on the fixed PATH the runner uses.</summary>
    public static bool IsInstalled(string tool) =>
        "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".Split(':').Any(d => File.Exists(Path.Combine(d, tool)));

    public async Task<ToolResult> RunAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";
        var epochText = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SOURCE_DATE_EPOCH"] = epochText;
        // e2fsprogs 1.47.0 ignores SOURCE_DATE_EPOCH but honours this test hook (imaging.md B.1)
        start.Environment["E2FSPROGS_FAKE_TIME"] = epochText;
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ImageBuildException($"cannot start {tool}");
        }
        catch (Win32Exception e)
        {
            throw new ImageBuildException($"{tool} not found: install the Debian package {PackageOf(tool)} (apt-get install {PackageOf(tool)})", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new ToolResult(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Runs a tool and throws with its stderr when it exits non-zero.</summary>
    public async Task<ToolResult> RunCheckedAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var result = await RunAsync(tool, args, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new ImageBuildException($"{tool} failed (exit {result.ExitCode}): {FirstLines(result.Err.Length > 0 ? result.Err : result.Out)}");
        }

        return result;
    }

    static string FirstLines(string text) => string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
}
