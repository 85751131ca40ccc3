using Kiln.Tui.Models;

namespace Kiln.Tui.Tests.Models;

public class TextFitTests
{
    static readonly string[] s_versions = ["v1.34.2", "v1.34.0", "v1.33.6", "v1.33.0", "v1.32.10", "v1.32.0", "v1.31.14", "v1.31.0"];

    [Fact]
    public void Middle_ShortText_IsKept() => Assert.Equal("/tmp/x/kiln-tui.log", TextFit.Middle("/tmp/x/kiln-tui.log", 19));

    [Fact]
    public void Middle_LongPath_KeepsTheStartAndTheFileNameAroundAnEllipsis()
    {
        var path = "/tmp/" + new string('d', 100) + "/kiln-tui.log";

        var fitted = TextFit.Middle(path, 30);

        Assert.Equal("/tmp/dddddddd...d/kiln-tui.log", fitted);
    }

    [Fact]
    public void Offered_AllFit_ListsThemAll() =>
        Assert.Equal("F2: local, external", TextFit.Offered(["local", "external"], "local", 52));

    [Fact]
    public void Offered_TooManyFor80x24_SaysWhereTheValueIsAndWhatComesNext()
    {
        // the version field's note has 52 columns on an 80-column screen
        var line = TextFit.Offered(s_versions, "v1.34.2", 52);

        Assert.Equal("F2 (1 of 8), next: v1.34.0, v1.33.6, +5 more", line);
    }

    [Fact]
    public void Offered_ValueInTheMiddle_NextWrapsAroundAndLeavesTheCurrentOut()
    {
        var line = TextFit.Offered(["RSA-2048", "RSA-3072", "RSA-4096", "ECDSA-P256", "ECDSA-P384"], "ECDSA-P256", 52);

        Assert.Equal("F2 (4 of 5), next: ECDSA-P384, RSA-2048, +2 more", line);
    }

    [Fact]
    public void Offered_TypedValueNotOffered_CountsTheOffers() =>
        Assert.Equal("F2 (8 offered): v1.34.2, v1.34.0, v1.33.6, +5 more", TextFit.Offered(s_versions, "v1.30.0", 52));

    [Fact]
    public void Offered_AnyWidth_NeverWiderThanTheRow()
    {
        for (var width = 0; width <= 120; width++)
        {
            Assert.True(TextFit.Offered(s_versions, "v1.33.0", width).Length <= width, $"width {width}");
            Assert.True(TextFit.Middle("/tmp/kiln-tui-abcdef/run.log", width).Length <= width, $"width {width}");
        }
    }
}
