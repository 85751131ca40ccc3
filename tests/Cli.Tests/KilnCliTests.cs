using Kiln.TestKit;

namespace Kiln.Cli.Tests;

public class KilnCliTests
{
    [Fact]
    public void EachTopLevelCommand_BuildsAlone_UnderItsOwnName()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, TestHost.Facts, Repo.Root);
        var all = KilnCli.Build(context).Subcommands.Select(c => c.Name).ToList();

        Assert.Equal(["version", "config", "init", "plan", "certs", "kubeconfig", "token", "join", "reset", "image", "images", "tui"], all);
        Assert.All(all, name => Assert.Equal([name], KilnCli.Build(context, name).Subcommands.Select(c => c.Name), StringComparer.Ordinal));
    }

    [Fact]
    public void AMistypedCommand_StillSuggestsFromTheWholeTree()
    {
        var result = Cli.Run("imgae", "build");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("Did you mean 'image'?", result.Err, StringComparison.Ordinal);
    }
}
