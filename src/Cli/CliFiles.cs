using Kiln.Phases.Config;
using Kiln.Phases.Targets;

namespace Kiln.Cli;

/// <summary>File access for commands, with errors a user can act on.</summary>
public static class CliFiles
{
    /// <summary>Reads a UTF-8 text file, or reports why not (a byte that is not UTF-8 located by line and column) and returns null.</summary>
    public static string? Read(CliContext context, string path)
    {
        try
        {
            var findings = new List<ConfigError>();
            var text = InputText.Decode(path, InputText.ReadBounded(context.Resolve(path)), findings);
            context.Err.Write(ConfigErrorRenderer.Render(findings, new Dictionary<string, string>(StringComparer.Ordinal)));
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            context.Err.WriteLine($"kiln: cannot read {path}: {why}");
            return null;
        }
    }

    /// <summary>Reads and loads a config file with the host's dynamic defaults.</summary>
    public static ConfigLoadResult? LoadConfig(CliContext context, string path) =>
        Read(context, path) is { } text ? ConfigLoader.Load(path, text, context.Host) : null;

    /// <summary>Loads a config file, renders its findings (warnings too) on stderr, and returns it only when it has no error.</summary>
    public static KubeadmConfig? LoadValidConfig(CliContext context, string path)
    {
        var loaded = LoadConfig(context, path);
        if (loaded is null)
        {
            return null;
        }

        context.Err.Write(loaded.Render());
        return loaded.HasErrors ? null : loaded.Config;
    }

    /// <summary>
    /// Writes a config file through a temporary file and a rename (<see cref="AtomicFile"/>), so a reader never sees half
    /// a file and two runs never share a temp name. 0600 whatever the umask: a migrated config can hold bootstrap tokens
    /// and the certificate key.
    /// </summary>
    public static bool WriteAtomic(CliContext context, string path, string content)
    {
        try
        {
            AtomicFile.Write(context.Resolve(path), System.Text.Encoding.UTF8.GetBytes(content), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Err.WriteLine($"kiln: cannot write {path}: {e.Message}");
            return false;
        }
    }
}
