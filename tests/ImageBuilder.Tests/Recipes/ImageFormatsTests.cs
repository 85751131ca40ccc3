using Kiln.ImageBuilder.Recipes;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Recipes;

public class ImageFormatsTests
{
    [Fact]
    public void Table_HasOneRowPerFormat()
    {
        Assert.Equal(Enum.GetValues<ImageFormat>(), ImageFormats.All.Select(f => f.Format));
        Assert.Equal(ImageFormats.Names.Count, ImageFormats.Names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Allowed_ListsEveryName()
    {
        Assert.Equal("raw, qcow2, vhd, vhdx, vmdk", ImageFormats.Allowed);
    }

    [Theory]
    [InlineData("README.md", "--format ")]
    [InlineData("images/README.md", "--format ")]
    [InlineData("images/README.md", "formats: [raw, qcow2]         # ")]
    public void Docs_ListTheTablesFormats(string doc, string before)
    {
        // the docs spell the list out by hand: a format added to the table must be added to them too
        var text = File.ReadAllText(Repo.File(doc.Split('/')));
        var at = text.IndexOf(before, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{doc} has no '{before}'");
        var list = text[(at + before.Length)..].Split(['\n', ']', '`'])[0].Trim('[', ' ');
        var separator = list.Contains(" | ", StringComparison.Ordinal) ? " | " : ",";
        Assert.Equal(ImageFormats.Names, list.Split(separator));
    }

    [Theory]
    [InlineData("raw", ImageFormat.Raw)]
    [InlineData("qcow2", ImageFormat.Qcow2)]
    [InlineData("vhd", ImageFormat.Vhd)]
    [InlineData("vhdx", ImageFormat.Vhdx)]
    [InlineData("vmdk", ImageFormat.Vmdk)]
    public void Parse_ReadsEachNameBack(string name, ImageFormat format)
    {
        Assert.Equal(format, ImageFormats.Parse(name));
        Assert.Equal(name, ImageFormats.Extension(format));
    }

    [Theory]
    [InlineData("qcow")]
    [InlineData("QCOW2")]
    [InlineData("")]
    public void Parse_UnknownName_IsNull(string name)
    {
        Assert.Null(ImageFormats.Parse(name));
    }

    [Theory]
    [InlineData("out/t.raw", ImageFormat.Raw, "raw")]
    [InlineData("out/t.IMG", ImageFormat.Raw, "raw")]
    [InlineData("out/t.vhd", ImageFormat.Vhd, "vpc")]
    [InlineData("out/t.VMDK", ImageFormat.Vmdk, "vmdk")]
    public void OfFile_ByExtension(string path, ImageFormat format, string qemuName)
    {
        var info = ImageFormats.OfFile(path);

        Assert.Equal(format, info?.Format);
        Assert.Equal(qemuName, info?.QemuName);
    }

    [Fact]
    public void OfFile_UnknownExtension_IsNull()
    {
        Assert.Null(ImageFormats.OfFile("out/t.iso"));
    }

    [Fact]
    public void OnlyQemuImgOutputs_AreNotReproducible()
    {
        Assert.Equal([ImageFormat.Vhdx, ImageFormat.Vmdk], ImageFormats.All.Where(f => f.ByQemuImg).Select(f => f.Format));
    }
}
