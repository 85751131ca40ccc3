using System.Text;

namespace Kiln.Cli.Rendering;

/// <summary>Columns padded like Go's tabwriter as kubeadm configures it (minimum width 10, padding 3).</summary>
public static class Table
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => Math.Max(10, all.Max(r => r[i].Length) + 3)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Count; i++)
            {
                sb.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i]));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
