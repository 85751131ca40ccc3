using Kiln.Phases.Targets;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// The staging directory of an image build: a <see cref="DirectoryRoot"/> whose writes skip the fsync. A live node's
/// files must survive a crash mid-write; a staging tree is thrown away and rebuilt after a crash, and packed right
/// after the phases run, so flushing each of its files only costs time. Files are still created with their final mode.
/// </summary>
public sealed class StagingRoot(string directory) : ITargetRoot
{
    readonly DirectoryRoot _root = new(directory);

    public string Map(string path) => _root.Map(path);

    public bool Exists(string path) => _root.Exists(path);

    public byte[] ReadAllBytes(string path) => _root.ReadAllBytes(path);

    public void CreateDirectory(string path, UnixFileMode mode) => _root.CreateDirectory(path, mode);

    public IReadOnlyList<string> ListFiles(string directory) => _root.ListFiles(directory);

    public IReadOnlyList<string> Delete(string path) => _root.Delete(path);

    public string Describe(string path) => _root.Describe(path);

    public async Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        _root.CreateDirectory(NodePath.Parent(path), NodePath.DefaultDirectoryMode);
        var target = _root.Map(path);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(content, cancellationToken);
            }

            // the umask may have narrowed the create mode; set it exactly
            File.SetUnixFileMode(temp, mode);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
