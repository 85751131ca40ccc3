using Kiln.Phases.Config;
using Kiln.Tui.Models;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Kiln.Tui.Views;

/// <summary>
/// One join step: a row per field with its check or error under it and the focused field's help below; the review
/// step shows the exact JoinConfiguration (tokens redacted) with "save as". Run hands the config to the join session.
/// </summary>
#pragma warning disable CA1001 // its views live in the main window's tree while shown, and go with the process
internal sealed class JoinScreen(TuiOptions options, IJoinRunner runner, JoinModel model, IScreen start) : IScreen
{
    const int LabelWidth = 21;
    readonly Dictionary<JoinField, TextField> _inputs = [];
    readonly SaveAs _save = new(options.WorkingDirectory);

    public JoinModel Model => model;

    public string Heading => $"Join, step {model.StepNumber} of {JoinModel.Steps.Count}: {JoinModel.TitleOf(model.Step)}";

    public string NextText => model.Step == JoinStep.Review ? "_Run" : "_Next";

    public bool CanGoBack => true;

    public bool EscGoesBack => true;

    public string Keys => model.Step == JoinStep.Review
        ? "Enter: run   arrows/PgDn: scroll   Alt+A: save as   Esc: back   Ctrl+Q: quit"
        : "Enter: next   Tab: move   F2: next offered value   Esc: back   Ctrl+Q: quit";

    public void Build(View body)
    {
        _inputs.Clear();
        if (model.Step == JoinStep.Review)
        {
            BuildReview(body);
            return;
        }

        var y = 0;
        foreach (var field in model.FieldsOf(model.Step))
        {
            var label = new TextLabel { Text = field.Label + ":", X = 1, Y = y, Width = LabelWidth };
            var input = new TextField { X = LabelWidth + 2, Y = y, Width = Dim.Fill(1), Text = field.Get(model.Draft), Secret = field.Secret };
            var note = new FittedLabel(width => Note(field, input.Text, width)) { X = LabelWidth + 2, Y = y + 1, Width = Dim.Fill(1) };
            input.TextChanged += (_, _) => note.Refit();
            _inputs[field] = input;
            body.Add(label, input, note);
            y += 2;
        }

        var shown = FirstFocus();
        var help = new FittedLabel(width => shown is null ? "" : HelpFor(shown)) { X = 1, Y = y + 1, Width = Dim.Fill(1), Height = Dim.Fill() };
        body.Add(help);
        foreach (var (field, input) in _inputs)
        {
            input.HasFocusChanged += (_, e) =>
            {
                if (e.NewValue)
                {
                    shown = field;
                    help.Refit();
                }
            };
        }
    }

    /// <summary>Under a field: the as-typed check while it is being edited, else the validator's finding, else the offered values.</summary>
    string Note(JoinField field, string text, int width)
    {
        var typed = field.AsTyped?.Invoke(text);
        var finding = model.FindingFor(field);
        if (typed is { Ok: false } || (typed is not null && (finding is null || !string.Equals(text, field.Get(model.Draft), StringComparison.Ordinal))))
        {
            return TextFit.Middle(typed.ToString(), width);
        }

        return finding is null
            ? TextFit.Offered(field.Choices, text, width)
            : TextFit.Middle((finding.Severity == Severity.Error ? "! " : "") + finding.Message, width);
    }

    string HelpFor(JoinField field)
    {
        if (model.FindingFor(field) is { } finding)
        {
            return $"{field.Path}: {WizardModel.Describe(finding)}";
        }

        // the line under the field lists two or three offered values; more are listed here
        return field.Choices.Count <= 2 ? field.Help : field.Help + "\nOffered (F2): " + string.Join(", ", field.Choices);
    }

    JoinField? FirstFocus() =>
        _inputs.Keys.FirstOrDefault(f => model.FindingFor(f) is { Severity: Severity.Error }) ?? _inputs.Keys.FirstOrDefault();

    void BuildReview(View body)
    {
        var problems = model.Unplaced.Where(f => f.Severity == Severity.Error || f.Severity == Severity.Warning)
            .Select(f => (f.Severity == Severity.Error ? "! " : "") + $"{f.Field}: {WizardModel.Describe(f)}")
            .Concat(model.SessionProblems.Select(p => "! " + p)).ToList();
        var intro = new TextLabel { X = 1, Y = 0, Width = Dim.Fill(1), Text = "The exact JoinConfiguration Kiln will use (tokens hidden):" };
        var lines = new System.Collections.ObjectModel.ObservableCollection<string>(model.ScreenYaml.TrimEnd('\n').Split('\n'));
        var yaml = new ListView { X = 1, Y = 1, Width = Dim.Fill(1), Height = Dim.Fill(3 + problems.Count) };
        yaml.ViewportSettings |= ViewportSettingsFlags.HasVerticalScrollBar;
        yaml.SetSource(lines);
        Sideways.Scrollable(yaml);
        yaml.SelectedItem = 0;
        yaml.Accepting += (_, e) =>
        {
            e.Handled = true;
            (body.SuperView as MainWindow)?.Forward();
        };
        var notes = new TextLabel { X = 1, Y = Pos.AnchorEnd(2 + problems.Count), Width = Dim.Fill(1), Height = problems.Count, Text = string.Join('\n', problems) };
        body.Add(intro, yaml, notes);
        _save.Build(body, () => model.Yaml, path => $"'kiln join --config {path}' runs it later");
    }

    public void Focus(View body)
    {
        if (FirstFocus() is { } first)
        {
            _inputs[first].SetFocus();
            return;
        }

        body.SubViews.OfType<ListView>().FirstOrDefault()?.SetFocus();
    }

    public void Commit(View body)
    {
        foreach (var (field, input) in _inputs)
        {
            field.Set(model.Draft, input.Text);
        }

        _save.Commit();
    }

    public void Next(MainWindow window)
    {
        var wasReview = model.Step == JoinStep.Review;
        if (model.Next() && wasReview)
        {
            // the session's own checks (a token for the TLS bootstrap, a complete discovery): the CLI's usage errors
            model.SessionProblems = runner.Problems(model.Join);
            if (model.SessionProblems.Count == 0)
            {
                window.Show(new RunScreen(options, RunSpec.Join(options, runner, model.Join)));
                return;
            }
        }

        window.Refresh();
    }

    public void Back(MainWindow window)
    {
        Commit(window);
        model.SessionProblems = [];
        if (!model.Back())
        {
            window.Show(start);
            return;
        }

        window.Refresh();
    }

    public bool Cycle(View body)
    {
        var focused = _inputs.FirstOrDefault(i => i.Value.HasFocus);
        if (focused.Key is not { Choices.Count: > 0 } field)
        {
            return false;
        }

        var current = field.Choices.ToList().IndexOf(focused.Value.Text.Trim());
        focused.Value.Text = field.Choices[(current + 1) % field.Choices.Count];
        if (string.Equals(field.Path, "discovery", StringComparison.Ordinal))
        {
            // token or file discovery shows its own fields
            Commit(body);
            body.RemoveAll();
            Build(body);
            _inputs[field].SetFocus();
        }

        return true;
    }
}
