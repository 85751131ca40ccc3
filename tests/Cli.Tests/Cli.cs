using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>Runs `kiln` in-process with captured output and fixed host facts.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result RunIn(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, "", args);

    public static Result RunWithInput(string workingDirectory, string input, params string[] args) =>
        RunWith(c => c with { In = new StringReader(input) }, workingDirectory, args);

    /// <summary>Runs with a context adjusted by the test (service manager, poll interval, ...).</summary>
    public static Result RunWith(Func<CliContext, CliContext> adjust, string workingDirectory, params string[] args) =>
        RunWithAsync(adjust, workingDirectory, args).GetAwaiter().GetResult();

    public static async Task<Result> RunWithAsync(Func<CliContext, CliContext> adjust, string workingDirectory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = adjust(new CliContext(stdout, stderr, TestHost.Facts, workingDirectory));
        var code = await KilnCli.RunAsync(args, context);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static Result Run(params string[] args) => RunIn(Repo.Root, args);
}
