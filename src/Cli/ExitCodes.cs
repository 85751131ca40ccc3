namespace Kiln.Cli;

/// <summary>The process exit codes; documented in --help and the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public const string Help = "Exit codes: 0 success, 1 failure, 2 usage or input error.";
}
