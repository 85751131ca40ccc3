namespace Kiln.TestKit;

/// <summary>A temporary directory removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "kiln-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative.TrimStart('/'));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
