using System.Text;

namespace Kiln.TestKit;

/// <summary>A small LCS line diff for snapshot failures: "N - old" / "N + new", at most 40 lines.</summary>
public static class LineDiff
{
    public static string Render(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var sb = new StringBuilder();
        int x = 0, y = 0, shown = 0;
        while ((x < a.Length || y < b.Length) && shown < 40)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                sb.Append(y + 1).Append(" + ").Append(b[y++]).Append('\n');
                shown++;
            }
            else
            {
                sb.Append(x + 1).Append(" - ").Append(a[x++]).Append('\n');
                shown++;
            }
        }

        return sb.ToString();
    }
}
