using System.Security.Cryptography;
using Kiln.ImageBuilder.Containers;
using Kiln.TestKit;

namespace Kiln.ImageBuilder.Tests.Containers;

public class ClustersTests
{
    const int Cluster = 65536;
    const long Size = 6L * 1024 * 1024;

    // data across a cluster boundary, inside one cluster, and in the last bytes; holes elsewhere
    static readonly long[] s_writes = [Cluster - 5, 3L * 1024 * 1024 + 100, Size - 7];

    static string Sparse(TempDir dir)
    {
        var path = dir["sparse.raw"];
        using var s = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        s.SetLength(Size);
        foreach (var at in s_writes)
        {
            s.Position = at;
            s.Write("0123456"u8);
        }

        return path;
    }

    [Fact]
    public void NonZero_FromTheFilesExtents_MatchesAFullRead()
    {
        using var dir = new TempDir();
        var path = Sparse(dir);

        using var file = File.OpenRead(path);
        using var memory = new MemoryStream(File.ReadAllBytes(path));
        var fromExtents = Clusters.NonZero(file, Cluster);
        var fromRead = Clusters.NonZero(memory, Cluster);

        Assert.Equal(fromRead, fromExtents);
        int[] expected = [0, 1, (int)((3L * 1024 * 1024 + 100) / Cluster), (int)(Size / Cluster) - 1];
        Assert.Equal(expected, fromExtents.Select((used, i) => (used, i)).Where(c => c.used).Select(c => c.i));
    }

    [Fact]
    public void FileExtents_CoverEveryWrittenByte_AndLeaveOutHoles()
    {
        using var dir = new TempDir();
        var path = Sparse(dir);

        using var handle = File.OpenHandle(path);
        var extents = FileExtents.Data(handle).ToList();

        Assert.All(s_writes, at => Assert.Contains(extents, e => e.Start <= at && at + 7 <= e.End));
        Assert.True(extents.Sum(e => e.End - e.Start) < Size / 2, $"holes were read as data: {string.Join(", ", extents)}");
        Assert.Equal(extents.OrderBy(e => e.Start), extents);
    }

    [Fact]
    public void Sha256_HashesHolesAsZeros_AndTheSuffixAfterTheFile()
    {
        using var dir = new TempDir();
        var path = Sparse(dir);
        var bytes = File.ReadAllBytes(path);
        byte[] footer = [1, 2, 3, 4];

        var (plain, suffixed) = Clusters.Sha256(path, footer);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), plain);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. footer])), suffixed);
        Assert.Null(Clusters.Sha256(path).WithSuffix);
    }
}
