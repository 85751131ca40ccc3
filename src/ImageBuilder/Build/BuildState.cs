using System.Security.Cryptography;
using Kiln.ImageBuilder.Disk;
using Kiln.Phases.Targets;
using Kiln.Phases.Tokens;

namespace Kiln.ImageBuilder.Build;

/// <summary>
/// A cluster's secrets across image builds (<c>--state DIR</c>): <c>seed</c> (identifiers), <c>token</c> (the bootstrap token),
/// <c>pki/</c> (the certificates directory) and <c>kubeconfig/</c>. The first build creates it; later builds copy it into
/// the staging root, where the phases reuse every valid file, so a rebuild gives the same bytes. Directories 0700, keys and the token 0600, certificates 0644.
/// </summary>
public sealed class BuildState
{
    const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    const UnixFileMode PrivateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    BuildState(string directory, byte[] seed, string token, bool created)
    {
        Directory = directory;
        Seed = seed;
        Token = token;
        Created = created;
    }

    public string Directory { get; }

    public byte[] Seed { get; }

    /// <summary>The bootstrap token (<c>abcdef.0123456789abcdef</c>); a secret, never logged.</summary>
    public string Token { get; }

    public bool Created { get; }

    public string PkiDirectory => Path.Combine(Directory, "pki");

    public string KubeConfigDirectory => Path.Combine(Directory, "kubeconfig");

    public static BuildState OpenOrCreate(string directory)
    {
        try
        {
            return Open(directory);
        }
        catch (Exception e) when (TargetFault.IsHostFault(e))
        {
            throw TargetFault.Explain(e, directory, directory: true, what: "the image state");
        }
    }

    /// <summary>An existing state, or null when <paramref name="directory"/> holds none (nothing is created).</summary>
    public static BuildState? OpenExisting(string directory) =>
        File.Exists(Path.Combine(directory, "seed")) && File.Exists(Path.Combine(directory, "token")) ? OpenOrCreate(directory) : null;

    static BuildState Open(string directory)
    {
        var seedFile = Path.Combine(directory, "seed");
        var tokenFile = Path.Combine(directory, "token");
        FinishCommit(directory);
        if (File.Exists(seedFile) && File.Exists(tokenFile))
        {
            var seedText = File.ReadAllText(seedFile).Trim();
            var seed = seedText.Length == 64 && seedText.All(Uri.IsHexDigit) ? Convert.FromHexString(seedText) : [];
            var token = File.ReadAllText(tokenFile).Trim();
            if (seed.Length != 32 || BootstrapTokenString.TryParse(token) is null)
            {
                throw new Tools.ImageBuildException($"{directory} is not a Kiln image state: its seed or token file is malformed");
            }

            return new BuildState(directory, seed, token, created: false);
        }

        // the token without the seed is a first build that was stopped between the two writes, before it had built
        // anything (the PKI comes later): the seed is made and the token kept; with a PKI, a lost seed or token would
        // change the cluster's images
        if (Files(Path.Combine(directory, "pki")).Any())
        {
            throw new Tools.ImageBuildException($"{directory} is not a Kiln image state: it has a pki directory but no {(File.Exists(seedFile) ? "token" : "seed")} file");
        }

        TargetFault.CreateDirectory(directory, PrivateDir);
        var kept = File.Exists(tokenFile) ? BootstrapTokenString.TryParse(File.ReadAllText(tokenFile).Trim()) : null;
        var fresh = new BuildState(directory, RandomNumberGenerator.GetBytes(32), kept?.Reveal() ?? BootstrapTokenString.Generate().Reveal(), created: true);
        if (kept is null)
        {
            WriteSecret(tokenFile, fresh.Token + "\n");
        }

        WriteSecret(seedFile, Convert.ToHexStringLower(fresh.Seed) + "\n");
        return fresh;
    }

    /// <summary>The build seed of one image: the state's seed keyed by the image's name, so two images of a cluster differ.</summary>
    public BuildSeed SeedFor(string imageName) =>
        new(HMACSHA256.HashData(Seed, System.Text.Encoding.UTF8.GetBytes("kiln-image:" + imageName)));

    /// <summary>The CA pin (<c>sha256:</c> of the CA's SubjectPublicKeyInfo), or null before a control plane was built.</summary>
    public string? CaPin()
    {
        var ca = Path.Combine(PkiDirectory, "ca.crt");
        if (!File.Exists(ca))
        {
            return null;
        }

        return Kiln.Phases.Tokens.CaPin.OfPem(File.ReadAllBytes(ca), ca);
    }

    /// <summary>Copies the state's PKI and kubeconfigs into a node root through the target, so parents get the modes the phases give them.</summary>
    public async Task CopyInAsync(ITargetRoot root, string certificatesDir, CancellationToken cancellationToken)
    {
        foreach (var (file, relative) in Files(PkiDirectory))
        {
            await root.WriteFileAsync($"{certificatesDir.TrimEnd('/')}/{relative}", await File.ReadAllBytesAsync(file, cancellationToken), File.GetUnixFileMode(file), cancellationToken);
        }

        foreach (var (file, relative) in Files(KubeConfigDirectory))
        {
            await root.WriteFileAsync($"/etc/kubernetes/{relative}", await File.ReadAllBytesAsync(file, cancellationToken), File.GetUnixFileMode(file), cancellationToken);
        }
    }

    /// <summary>
    /// Saves what the phases generated (PKI and kubeconfigs) for the next build, as one change: every new or changed file
    /// is written to a temp file first, then a commit list names them, then they are renamed into place. A build killed
    /// before the list exists leaves the state as it was; one killed after it is finished by the next build
    /// (<see cref="OpenOrCreate"/>), so a CA certificate never sits in the state without its key.
    /// </summary>
    public void CopyOut(string stagedCertificatesDir, string stagedKubernetesDir)
    {
        try
        {
            Save(stagedCertificatesDir, stagedKubernetesDir);
        }
        catch (Exception e) when (TargetFault.IsHostFault(e))
        {
            throw TargetFault.Explain(e, Directory, directory: true, what: "the image state's PKI and kubeconfigs");
        }
    }

    void Save(string stagedCertificatesDir, string stagedKubernetesDir)
    {
        var changes = new List<(string Temp, string Target)>();
        var kubeconfigs = System.IO.Directory.Exists(stagedKubernetesDir) ? System.IO.Directory.GetFiles(stagedKubernetesDir, "*.conf") : [];
        foreach (var (from, to) in Files(stagedCertificatesDir).Select(f => (f.File, Path.Combine(PkiDirectory, f.Relative)))
            .Concat(kubeconfigs.Order(StringComparer.Ordinal).Select(f => (f, Path.Combine(KubeConfigDirectory, Path.GetFileName(f))))))
        {
            var bytes = File.ReadAllBytes(from);
            if (File.Exists(to) && File.ReadAllBytes(to).AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!, PrivateDir);
            var temp = AtomicFile.WriteTemp(to, bytes, File.GetUnixFileMode(from));
            changes.Add((temp, to));
        }

        if (changes.Count == 0)
        {
            return;
        }

        var list = string.Concat(changes.Select(c => $"{Path.GetRelativePath(Directory, c.Temp)}\t{Path.GetRelativePath(Directory, c.Target)}\n"));
        WriteSecret(Path.Combine(Directory, CommitFile), list);
        FinishCommit(Directory);
    }

    const string CommitFile = ".commit";

    /// <summary>Renames the files a commit list names into place (those still waiting), then removes the list and stray temp files.</summary>
    static void FinishCommit(string directory)
    {
        var list = Path.Combine(directory, CommitFile);
        if (File.Exists(list))
        {
            foreach (var line in File.ReadAllLines(list).Where(l => l.Length > 0))
            {
                var parts = line.Split('\t');
                var temp = Path.Combine(directory, parts[0]);
                if (parts.Length == 2 && File.Exists(temp))
                {
                    File.Move(temp, Path.Combine(directory, parts[1]), overwrite: true);
                }
            }

            File.Delete(list);
        }

        // temp files no list names are from a build stopped before its commit: not part of the state
        foreach (var dir in (string[])[directory, Path.Combine(directory, "pki"), Path.Combine(directory, "pki", "etcd"), Path.Combine(directory, "kubeconfig")])
        {
            AtomicFile.RemoveStaleIn(dir);
        }
    }

    static IEnumerable<(string File, string Relative)> Files(string directory) => System.IO.Directory.Exists(directory)
        ? System.IO.Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !AtomicFile.IsTemp(Path.GetFileName(f))).Order(StringComparer.Ordinal)
            .Select(f => (f, Path.GetRelativePath(directory, f).Replace('\\', '/')))
        : [];

    static void WriteSecret(string path, string text) => AtomicFile.Write(path, System.Text.Encoding.ASCII.GetBytes(text), Secret);
}
