namespace Kiln.TestKit;

/// <summary>Paths inside the repository, found from the snapshot directory.</summary>
public static class Repo
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Snapshot.Directory, "..", ".."));

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);
}
