namespace Kiln.TestKit;

/// <summary>
/// The kiln users install: <c>eng/publish.sh</c>'s Native AOT build, which is trimmed and uses the AOT Kubernetes client,
/// so it is tested as a program of its own. <c>eng/test.sh</c> publishes it once and names it in <c>KILN_PUBLISHED</c>;
/// without that, the first test that needs it publishes it (a few minutes).
/// </summary>
public static class PublishedKiln
{
    static readonly Lazy<string> s_path = new(Publish);

    public static string Path => s_path.Value;

    /// <summary>Runs the published kiln in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static Tool.Result Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Tool.RunWith(workingDirectory, environment, TimeSpan.FromMinutes(2), Path, args);

    public static Tool.Result Run(params string[] args) => Run(Repo.Root, null, args);

    static string Publish()
    {
        if (Environment.GetEnvironmentVariable("KILN_PUBLISHED") is { Length: > 0 } published)
        {
            return File.Exists(published) ? published : throw new FileNotFoundException($"KILN_PUBLISHED names {published}, which does not exist");
        }

        var output = System.IO.Path.Combine(Directory.CreateTempSubdirectory("kiln-published-").FullName, "kiln");
        var result = Tool.RunWith(null, null, TimeSpan.FromMinutes(20), "bash", Repo.File("eng", "publish.sh"), output);
        return result.ExitCode == 0 ? System.IO.Path.Combine(output, "kiln") : throw new InvalidOperationException($"eng/publish.sh failed:\n{result.All}");
    }
}
