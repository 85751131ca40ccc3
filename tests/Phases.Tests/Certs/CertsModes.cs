namespace Kiln.Phases.Tests.Certs;

/// <summary>File modes used when tests plant files.</summary>
internal static class CertsModes
{
    public const UnixFileMode Key = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Cert = Key | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}
