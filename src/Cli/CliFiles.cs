using Kiln.Phases.Config;

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

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public static bool WriteAtomic(CliContext context, string path, string content)
    {
        var full = context.Resolve(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.kiln-tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            context.Err.WriteLine($"kiln: cannot write {path}: {e.Message}");
            return false;
        }
    }
}
