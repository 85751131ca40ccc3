using Kiln.Phases.Config;
using Kiln.Tui.Models;

namespace Kiln.Tui;

/// <summary>What <c>kiln tui</c> was started with.</summary>
/// <param name="Loaded">The <c>--config</c> file as loaded (defaulted, with its findings), or null.</param>
/// <param name="BaseConfig">The config the wizard starts from: the loaded one, or kubeadm's defaults for this host.</param>
/// <param name="Host">Host facts for dynamic defaults.</param>
/// <param name="Choices">Addresses and CRI sockets offered in the wizard.</param>
/// <param name="Runner">Plans and runs init.</param>
/// <param name="LogPath">Where the run's log goes.</param>
public sealed record TuiOptions(ConfigLoadResult? Loaded, KubeadmConfig BaseConfig, HostFacts? Host, HostChoices Choices, IInitRunner Runner, string LogPath)
{
    public TuiTheme Theme { get; init; }

    /// <summary>Whether the terminal draws UTF-8 (its locale says so); when not, every line and mark is ASCII.</summary>
    public bool Utf8Terminal { get; init; } = true;

    /// <summary>Frames, borders, marks and scroll bars in ASCII: the serial and mono themes, and any terminal without UTF-8.</summary>
    public bool Ascii => Theme != TuiTheme.Default || !Utf8Terminal;

    public bool FilesOnly { get; init; }

    /// <summary>Plans and runs a worker join; null leaves join out of the TUI (the start screen names the command).</summary>
    public IJoinRunner? Join { get; init; }

    /// <summary>Resolves relative "save as" paths.</summary>
    public string WorkingDirectory { get; init; } = "/";

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
