using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Kiln.Tui.Views;

/// <summary>
/// The review step's "save as" row and its message: writes the real YAML (secrets included) owner-only, and keeps
/// the typed name across Back and Next.
/// </summary>
#pragma warning disable CA1001 // its views live in the main window's tree while shown, and go with the process
internal sealed class SaveAs(string workingDirectory)
{
    TextField? _path;
    TextLabel? _message;
    string _typed = "";

    /// <summary>Adds the row at the bottom of <paramref name="body"/>; <paramref name="later"/> says how to use the saved file.</summary>
    public void Build(View body, Func<string> yaml, Func<string, string> later)
    {
        var label = new Label { Text = "Save _as:", X = 1, Y = Pos.AnchorEnd(2) };
        _path = new TextField { X = 11, Y = Pos.AnchorEnd(2), Width = Dim.Fill(14), Text = _typed };
        var save = new Button { Text = "_Save", X = Pos.AnchorEnd(12), Y = Pos.AnchorEnd(2) };
        _message = new TextLabel { X = 1, Y = Pos.AnchorEnd(1), Width = Dim.Fill(1), Text = "" };
        save.Accepting += (_, e) =>
        {
            e.Handled = true;
            Save(yaml(), later);
        };
        // Enter in the file name saves; it must not start the run
        _path.Accepting += (_, e) =>
        {
            e.Handled = true;
            Save(yaml(), later);
        };
        body.Add(label, _path, save, _message);
    }

    /// <summary>Keeps what was typed in the file name.</summary>
    public void Commit()
    {
        if (_path is not null)
        {
            _typed = _path.Text;
        }
    }

    void Save(string yaml, Func<string, string> later)
    {
        var path = (_path?.Text ?? "").Trim();
        _typed = path;
        if (path.Length == 0)
        {
            _message!.Text = "type a file name first";
            return;
        }

        try
        {
            var full = Path.GetFullPath(path, workingDirectory);
            // the file holds the real tokens and certificate key: owner-only, whatever it was before
            using (var file = new FileStream(full, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(yaml);
            }

            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            _message!.Text = $"saved to {full}; {later(path)}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _message!.Text = $"cannot write {path}: {e.Message}";
        }
    }
}
