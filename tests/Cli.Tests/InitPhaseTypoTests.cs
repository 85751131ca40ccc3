namespace Kiln.Cli.Tests;

public class InitPhaseTypoTests
{
    [Fact]
    public void InitPhase_MisspeltPhase_SuggestsClosestAndListsValidOnes()
    {
        var result = Cli.Run("init", "phase", "certs", "apiservr");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean 'apiserver'? Valid here: ca, apiserver,", result.Err, StringComparison.Ordinal);
    }
}
