using Kiln.Tui.Models;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Kiln.Tui.Views;

/// <summary>What to do, and which config file pre-fills the wizard.</summary>
#pragma warning disable CA1001 // its views live in the main window's tree while shown, and go with the process
internal sealed class StartScreen(TuiOptions options) : IScreen
{
    readonly StartModel _model = new(options.BaseConfig, options.Loaded, options.Host, options.WorkingDirectory);
    OptionSelector? _choice;
    TextField? _path;
    JoinModel? _join;

    public string Heading => "Welcome to Kiln: what do you want to do?";

    public string NextText => "_Next";

    public bool CanGoBack => false;

    public string Keys => "Enter: next   Tab: move   Up/Down: choose   Esc: quit";

    public void Build(View body)
    {
        _choice = new OptionSelector { X = 1, Y = 1, Labels = StartModel.Choices, Value = _model.Choice };
        var label = new Label { Text = "_Config file:", X = 1, Y = Pos.Bottom(_choice) + 1 };
        _path = new TextField { X = 16, Y = Pos.Top(label), Width = Dim.Fill(1), Text = _model.ConfigPath };
        var hint = new TextLabel { Text = "(optional) a kubeadm config to pre-fill every field", X = 16, Y = Pos.Bottom(label) };
        var message = new TextLabel { Text = _model.Message, X = 1, Y = Pos.Bottom(hint) + 1, Width = Dim.Fill(1), Height = Dim.Auto() };
        // Enter on the choices means "next", as it does everywhere else
        _choice.Accepting += (_, e) =>
        {
            e.Handled = true;
            (body.SuperView as MainWindow)?.Forward();
        };
        body.Add(_choice, label, _path, hint, message);
    }

    public void Focus(View body)
    {
        _choice?.SetFocus();
        // the chosen option takes the focus: Enter accepts the focused option, so coming back from a screen and
        // pressing Enter again must not pick the first one
        if (_choice?.SubViews.ElementAtOrDefault(_model.Choice) is { CanFocus: true } chosen)
        {
            chosen.SetFocus();
        }
    }

    public void Commit(View body)
    {
        _model.Choice = _choice?.Value ?? 0;
        _model.ConfigPath = _path?.Text ?? "";
    }

    public void Next(MainWindow window)
    {
        if (_model.Choice == StartModel.JoinChoice && window.Options.Join is { } join)
        {
            // one join model for the whole session: going back to the start screen and in again keeps what was typed
            _join ??= new JoinModel(window.Options.Host, window.Options.Choices, window.Options.WorkingDirectory);
            window.Show(new JoinScreen(window.Options, join, _join, this));
            return;
        }

        var wizard = _model.Next(window.Options.Choices);
        window.Show(wizard is null ? this : new WizardScreen(window.Options, wizard, this));
    }

    public void Back(MainWindow window)
    {
    }
}
