using Kiln.Cli.Rendering;
using Kiln.Phases.Workflow;

namespace Kiln.Cli.Tests;

public class PhaseErrorTextTests
{
    [Fact]
    public void Render_WithHint_KeepsTheHint() =>
        Assert.Equal("kiln: error execution phase cleanup-node: busy\n  hint: stop the pod first",
            PhaseErrorText.Render(new PhaseError(PhaseId.Parse("cleanup-node"), "busy", "stop the pod first", null)));

    [Fact]
    public void Render_WithoutHint_IsOneLine() =>
        Assert.Equal("kiln: error execution phase preflight: no", PhaseErrorText.Render(new PhaseError(PhaseId.Parse("preflight"), "no", null, null)));

    [Fact]
    public void Commands_PrintPhaseErrorsThroughTheOneRenderer()
    {
        foreach (var command in (string[])["InitCommand", "JoinCommand", "ResetCommand"])
        {
            var text = File.ReadAllText(Kiln.TestKit.Repo.File("src", "Cli", "Commands", command + ".cs"));
            Assert.DoesNotContain("error execution phase", text, StringComparison.Ordinal);
            Assert.Contains("RunOutput.ExitCodeAsync(", text, StringComparison.Ordinal);
        }

        // and the one place they end in renders with the one renderer
        Assert.Contains("PhaseErrorText.Render(", File.ReadAllText(Kiln.TestKit.Repo.File("src", "Cli", "Rendering", "RunOutput.cs")), StringComparison.Ordinal);
    }
}
