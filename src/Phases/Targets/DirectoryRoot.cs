namespace Kiln.Phases.Targets;

/// <summary>A staging directory that stands for a node's <c>/</c> (image builds, <c>--rootfs</c>).</summary>
/// <param name="directory">The staging directory; created if missing.</param>
/// <param name="durable">Whether writes are flushed and renamed into place (see <see cref="HostRoot"/>).</param>
public sealed class DirectoryRoot(string directory, bool durable = true) : HostRoot(Directory.CreateDirectory(directory).FullName, durable);
