using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>Runs `kiln` in-process with captured output and fixed host facts.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result RunIn(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, "", args);

    public static Result RunWithInput(string workingDirectory, string input, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, TestHost.Facts, workingDirectory) { In = new StringReader(input) };
        var code = KilnCli.RunAsync(args, context).GetAwaiter().GetResult();
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static Result Run(params string[] args) => RunIn(Repo.Root, args);
}
