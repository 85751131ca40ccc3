using Kiln.TestKit;

namespace Kiln.Cli.Tests;

/// <summary>`kiln images bundle`: the version's images from a source into one OCI archive, or one error naming what is missing.</summary>
public class ImagesCommandTests
{
    [Fact]
    public void Bundle_Worker_WritesTheArchive_AndAMissingImageIsNamed()
    {
        using var dir = new TempDir();
        var listed = Cli.Run("config", "images", "list", "--kubernetes-version", "v1.37.0");
        var needed = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(n => n.Contains("/kube-proxy:", StringComparison.Ordinal) || n.Contains("/coredns:", StringComparison.Ordinal) || n.Contains("/pause:", StringComparison.Ordinal))
            .ToList();
        TestImages.Layout(dir["layout"], needed);
        TestImages.Layout(dir["partial"], needed.Skip(1));

        var bundle = Cli.RunIn(dir.Path, "images", "bundle", "--kubernetes-version", "v1.37.0", "--worker", "--from", "layout", "--out", "worker.tar");
        var missing = Cli.RunIn(dir.Path, "images", "bundle", "--kubernetes-version", "v1.37.0", "--worker", "--from", "partial", "--out", "partial.tar");
        var tar = Tool.Run("tar", "-tf", dir["worker.tar"]);

        Assert.Equal(3, needed.Count);
        Assert.True(bundle.ExitCode == 0, bundle.Err);
        Assert.Contains("wrote worker.tar: 3 images; on the node: kiln images import worker.tar", bundle.Out, StringComparison.Ordinal);
        Assert.All(needed, n => Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(n)}  linux/amd64  sha256:[0-9a-f]{{64}}", bundle.Out));
        Assert.Contains("index.json", tar.Out, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"kiln: images bundle: the image sources lack 1 image(s) this node needs: {needed[0]} (linux/amd64): in no source\n", missing.Err);
        Assert.False(File.Exists(dir["partial.tar"]));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => Path.GetFileName(f).StartsWith('.'));
    }
}
