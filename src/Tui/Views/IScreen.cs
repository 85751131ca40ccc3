using Terminal.Gui.ViewBase;

namespace Kiln.Tui.Views;

/// <summary>One screen of the main window: it builds its views into the body and reacts to Next and Back.</summary>
internal interface IScreen
{
    string Heading { get; }

    string NextText { get; }

    bool CanGoBack { get; }

    string Keys { get; }

    /// <summary>Esc goes back a step (keeping what was typed) instead of asking to quit.</summary>
    bool EscGoesBack => false;

    /// <summary>A run is going: quitting cancels it.</summary>
    bool Busy => false;

    void Build(View body);

    void Focus(View body);

    /// <summary>Copies what was typed into the model.</summary>
    void Commit(View body);

    void Next(MainWindow window);

    void Back(MainWindow window);

    /// <summary>F2: the focused field takes its next offered value; false when nothing is offered there.</summary>
    bool Cycle(View body) => false;

    void Cancel()
    {
    }
}
