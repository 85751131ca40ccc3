using Kiln.Tui.Models;
using Kiln.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Configuration;
using Terminal.Gui.Drivers;

namespace Kiln.Tui;

/// <summary>Runs the TUI on the real terminal until the user quits; the terminal is restored on return.</summary>
public static class TuiApp
{
    // ASCII marks, lines and scroll bars: glyphs every VGA console font and serial terminal has, UTF-8 or not
    const string SerialConfig = """
        {
          "Themes": {
            "Kiln Serial": {
              "Glyphs": {
                "CheckStateChecked": "x", "CheckStateUnChecked": " ", "CheckStateNone": "-",
                "Selected": "*", "UnSelected": " ", "RightArrow": ">", "LeftArrow": "<",
                "LeftBracket": "[", "RightBracket": "]", "LeftDefaultIndicator": ">", "RightDefaultIndicator": "<",
                "BlocksMeterSegment": "#", "ContinuousMeterSegment": "#", "HorizontalEllipsis": "~",
                "HLine": "-", "VLine": "|", "ULCorner": "+", "URCorner": "+", "LLCorner": "+", "LRCorner": "+",
                "LeftTee": "+", "RightTee": "+", "TopTee": "+", "BottomTee": "+", "Cross": "+",
                "UpArrow": "^", "DownArrow": "v", "Stipple": ":", "Dot": ".", "BlackCircle": "o", "Diamond": "*"
              },
              "Window": { "DefaultBorderStyle": "Single", "DefaultShadow": "None" },
              "Dialog": { "DefaultBorderStyle": "Single", "DefaultShadow": "None" },
              "FrameView": { "DefaultBorderStyle": "Single" },
              "Button": { "DefaultShadow": "None" }
            }
          }
        }
        """;

    /// <summary>Shows the TUI; returns what ran and how it ended.</summary>
    public static TuiResult Run(TuiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Ascii)
        {
            // process-wide, and set before Init as Terminal.Gui requires; tests never go through here
            TuiConfigurationBuilder.Shared.RuntimeConfig = SerialConfig;
            TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
            ThemeManager.Theme = "Kiln Serial";
        }

        using var app = Application.Create().Init(DriverRegistry.Names.ANSI);
        if (options.Theme != TuiTheme.Default)
        {
            app.Driver!.Force16Colors = true;
        }

        using var window = new MainWindow(options);
        app.Run(window);
        // a run quit mid-way was cancelled: let it stop before the process ends, so nothing is left half-written
        window.Running.Wait(TimeSpan.FromSeconds(30));
        return new TuiResult(window.Outcome, window.RunVerb);
    }
}
