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
        var seedFile = Path.Combine(directory, "seed");
        var tokenFile = Path.Combine(directory, "token");
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

        System.IO.Directory.CreateDirectory(directory, PrivateDir);
        var fresh = new BuildState(directory, RandomNumberGenerator.GetBytes(32), BootstrapTokenString.Generate().Reveal(), created: true);
        WriteSecret(seedFile, Convert.ToHexStringLower(fresh.Seed) + "\n");
        WriteSecret(tokenFile, fresh.Token + "\n");
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

    /// <summary>Saves what the phases generated (PKI and kubeconfigs) for the next build.</summary>
    public void CopyOut(string stagedCertificatesDir, string stagedKubernetesDir)
    {
        foreach (var (file, relative) in Files(stagedCertificatesDir))
        {
            Save(file, Path.Combine(PkiDirectory, relative));
        }

        foreach (var file in System.IO.Directory.Exists(stagedKubernetesDir) ? System.IO.Directory.GetFiles(stagedKubernetesDir, "*.conf") : [])
        {
            Save(file, Path.Combine(KubeConfigDirectory, Path.GetFileName(file)));
        }
    }

    static void Save(string from, string to)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(to)!, PrivateDir);
        if (File.Exists(to) && File.ReadAllBytes(to).AsSpan().SequenceEqual(File.ReadAllBytes(from)))
        {
            return;
        }

        File.Copy(from, to, overwrite: true);
        File.SetUnixFileMode(to, File.GetUnixFileMode(from));
    }

    static IEnumerable<(string File, string Relative)> Files(string directory) => System.IO.Directory.Exists(directory)
        ? System.IO.Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, Path.GetRelativePath(directory, f).Replace('\\', '/')))
        : [];


    static void WriteSecret(string path, string text)
    {
        using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Secret });
        stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
    }
}
