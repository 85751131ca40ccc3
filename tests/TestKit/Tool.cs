using System.Diagnostics;

namespace Kiln.TestKit;

/// <summary>Runs a real tool (openssl, kubectl, ...) with an argument list, no shell, and captures its output.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string All => Out + Err;
    }

    public static Result Run(string file, params string[] args) => RunIn(null, file, args);

    public static Result RunIn(string? workingDirectory, string file, params string[] args) => RunWith(workingDirectory, null, TimeSpan.FromMinutes(2), file, args);

    /// <summary>Runs with extra environment variables; kills the process (and its children) after <paramref name="timeout"/>.</summary>
    public static Result RunWith(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string file, params string[] args)
    {
        var start = StartInfo(workingDirectory, environment, file, args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>How to start <paramref name="file"/> with an argument list and no shell, its output redirected, for a caller that runs it itself.</summary>
    public static ProcessStartInfo StartInfo(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
