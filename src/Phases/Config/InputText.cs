using System.Text;

namespace Kiln.Phases.Config;

/// <summary>
/// Decodes an input file's bytes as UTF-8, strictly: a byte that is not UTF-8 is a located error rather than a silent
/// replacement character that would end up in a node name or a certificate (Go's YAML parser, which kubeadm uses,
/// rejects such a file too). A UTF-8 byte order mark is dropped. A file larger than <see cref="MaxBytes"/> is refused
/// before it is parsed: no kubeadm config or recipe comes near it, and a parser fed megabytes of keys spends its time on them.
/// </summary>
public static class InputText
{
    /// <summary>The largest input read: 1 MiB (kubeadm's own configs are a few KiB).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// A file's bytes, reading at most one byte past <see cref="MaxBytes"/>: a huge file, a device or a FIFO that never
    /// ends (<c>/dev/zero</c>) is refused by <see cref="Decode"/> without being read whole.
    /// </summary>
    public static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var buffer = new byte[MaxBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }

    static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null with a finding at the first byte that is not UTF-8.</summary>
    /// <param name="file">The name shown in the finding.</param>
    /// <param name="bytes">The file's content.</param>
    /// <param name="findings">Where the problem is added.</param>
    public static string? Decode(string file, ReadOnlySpan<byte> bytes, ICollection<ConfigError> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (bytes.Length > MaxBytes)
        {
            var size = bytes.Length > MaxBytes + 1 ? $"{bytes.Length} bytes" : $"more than {MaxBytes} bytes";
            findings.Add(new ConfigError(new SourceLocation(file, 1, 1, 1), "", $"the file is {size}; Kiln reads at most {MaxBytes} bytes (1 MiB)",
                null, "a kubeadm config or image recipe is a few KiB: check that this is the file you meant"));
            return null;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        // locate the bad byte by line and column (columns count characters, as the YAML parser's do)
        var before = s_strict.GetString(bytes[..read]);
        var line = 1 + before.Count(c => c == '\n');
        var column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        var hint = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
            ? "the file looks like UTF-16: save it as UTF-8"
            : "save the file as UTF-8; a value that needs other bytes can be written with a \\u escape in double quotes";
        findings.Add(new ConfigError(new SourceLocation(file, line, column, 1), "", $"the file is not valid UTF-8: byte 0x{bytes[read]:X2} at offset {read}",
            null, hint));
        return null;
    }
}
