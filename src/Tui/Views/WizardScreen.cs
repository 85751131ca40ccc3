using Kiln.Phases.Config;
using Kiln.Tui.Models;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using WizardStep = Kiln.Tui.Models.WizardStep;

namespace Kiln.Tui.Views;

/// <summary>One wizard step: a row per field with its error (or the help) under it; the review step shows the YAML.</summary>
#pragma warning disable CA1001 // its views live in the main window's tree while shown, and go with the process
internal sealed class WizardScreen(TuiOptions options, WizardModel model, IScreen start) : IScreen
{
    readonly Dictionary<FieldSpec, TextField> _inputs = [];
    readonly SaveAs _save = new(options.WorkingDirectory);

    public WizardModel Model => model;

    public string Heading => $"Step {model.StepNumber} of {WizardModel.Steps.Count}: {WizardModel.TitleOf(model.Step)}";

    public string NextText => model.Step == WizardStep.Review ? "_Run" : "_Next";

    public bool CanGoBack => true;

    public string Keys => model.Step == WizardStep.Review
        ? "Enter: run   arrows/PgDn: scroll   Alt+A: save as   Alt+B: back   Esc: quit"
        : "Enter: next   Tab: move   F2: next offered value   Alt+B: back   Esc: quit";

    public void Build(View body)
    {
        _inputs.Clear();
        if (model.Step == WizardStep.Review)
        {
            BuildReview(body);
            return;
        }

        var y = 0;
        foreach (var field in model.FieldsOf(model.Step))
        {
            var label = new TextLabel { Text = field.Label + ":", X = 1, Y = y, Width = LabelWidth };
            var input = new TextField { X = LabelWidth + 2, Y = y, Width = Dim.Fill(1), Text = field.Get(model.Draft) };
            var finding = model.FindingFor(field);
            // one line under the field; the whole message, what is allowed and the hint go to the help area.
            // The offered values are fitted to the line's width; the help area lists them all.
            var note = new FittedLabel(width => finding is null
                ? TextFit.Offered(field.Choices, input.Text, width)
                : TextFit.Middle((finding.Severity == Severity.Error ? "! " : "") + finding.Message, width))
            {
                X = LabelWidth + 2, Y = y + 1, Width = Dim.Fill(1),
            };
            input.TextChanged += (_, _) => note.Refit();
            _inputs[field] = input;
            body.Add(label, input, note);
            y += 2;
        }

        // the help of the field with the focus; until a field takes it, the help of the one Focus will pick
        var shown = FirstFocus();
        var help = new FittedLabel(width => shown is null ? "" : HelpFor(shown, width)) { X = 1, Y = y + 1, Width = Dim.Fill(1), Height = Dim.Fill() };
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

    const int LabelWidth = 23;

    /// <summary>The help area's text for a field: its finding in full, else its help and, when they do not all fit under the field, every offered value.</summary>
    string HelpFor(FieldSpec field, int width)
    {
        if (model.FindingFor(field) is { } finding)
        {
            return $"{field.Path}: {WizardModel.Describe(finding)}";
        }

        // the line under the field starts LabelWidth + 1 columns further right and ends where the help ends
        var underField = TextFit.Offered(field.Choices, "", width - LabelWidth - 1);
        return field.Choices.Count == 0 || underField.StartsWith("F2: ", StringComparison.Ordinal)
            ? field.Help
            : field.Help + "\nOffered (F2): " + string.Join(", ", field.Choices);
    }

    /// <summary>The field that gets the focus when the step opens: the first with an error, else the first.</summary>
    FieldSpec? FirstFocus() =>
        _inputs.Keys.FirstOrDefault(f => model.FindingFor(f) is { Severity: Severity.Error }) ?? _inputs.Keys.FirstOrDefault();

    void BuildReview(View body)
    {
        var intro = new TextLabel { X = 1, Y = 0, Width = Dim.Fill(1), Text = "The exact configuration Kiln will use (secrets hidden):" };
        var problems = model.Unplaced.Concat(model.Findings.Where(f => f.Severity == Severity.Warning)).Distinct()
            .Select(f => (f.Severity == Severity.Error ? "! " : "") + $"{f.Field}: {WizardModel.Describe(f)}").ToList();
        var lines = new System.Collections.ObjectModel.ObservableCollection<string>(model.ScreenYaml.TrimEnd('\n').Split('\n'));
        // the scroll bar shows that there is more below (and how much)
        var yaml = new ListView { X = 1, Y = 1, Width = Dim.Fill(1), Height = Dim.Fill(3 + problems.Count) };
        yaml.ViewportSettings |= ViewportSettingsFlags.HasVerticalScrollBar;
        yaml.SetSource(lines);
        Sideways.Scrollable(yaml);
        // a selected row shows where the focus is, in every theme
        yaml.SelectedItem = 0;
        yaml.Accepting += (_, e) =>
        {
            // Enter on the YAML means "run", as the default button does everywhere else
            e.Handled = true;
            (body.SuperView as MainWindow)?.Forward();
        };
        var notes = new TextLabel { X = 1, Y = Pos.AnchorEnd(2 + problems.Count), Width = Dim.Fill(1), Height = problems.Count, Text = string.Join('\n', problems) };
        body.Add(intro, yaml, notes);
        _save.Build(body, () => model.Yaml, path => $"run it later with 'kiln init --config {path}'");
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
        var wasReview = model.Step == WizardStep.Review;
        if (model.Next() && wasReview)
        {
            window.Show(new RunScreen(options, model.Config));
            return;
        }

        window.Refresh();
    }

    public void Back(MainWindow window)
    {
        Commit(window);
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
        if (string.Equals(field.Path, "etcd", StringComparison.Ordinal))
        {
            // switching local/external shows or hides the external etcd fields
            Commit(body);
            Rebuild(body, field);
        }

        return true;
    }

    void Rebuild(View body, FieldSpec keep)
    {
        body.RemoveAll();
        Build(body);
        _inputs[keep].SetFocus();
    }
}
