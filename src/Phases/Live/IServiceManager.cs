namespace Kiln.Phases.Live;

/// <summary>The host's service manager, as far as Kiln needs it: the kubelet unit.</summary>
public interface IServiceManager
{
    /// <summary>Stops a unit; a unit that is not running is fine.</summary>
    Task StopAsync(string unit, CancellationToken cancellationToken);

    /// <summary>Starts (or restarts) a unit.</summary>
    Task RestartAsync(string unit, CancellationToken cancellationToken);

    /// <summary>Whether the unit is enabled to start at boot.</summary>
    Task<bool> IsEnabledAsync(string unit, CancellationToken cancellationToken);
}
