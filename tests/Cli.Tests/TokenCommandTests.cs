namespace Kiln.Cli.Tests;

public class TokenCommandTests
{
    [Fact]
    public void TokenGenerate_PrintsOneFreshToken()
    {
        var a = Cli.Run("token", "generate");

        Assert.Equal(0, a.ExitCode);
        Assert.Matches("^[a-z0-9]{6}\\.[a-z0-9]{16}\n$", a.Out);
        Assert.NotEqual(a.Out, Cli.Run("token", "generate").Out, StringComparer.Ordinal);
    }
}
