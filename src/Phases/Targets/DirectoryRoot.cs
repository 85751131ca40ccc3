namespace Kiln.Phases.Targets;

/// <summary>A staging directory that stands for a node's <c>/</c> (image builds, <c>--rootfs</c>).</summary>
/// <param name="directory">The staging directory; created if missing.</param>
public sealed class DirectoryRoot(string directory) : HostRoot(Directory.CreateDirectory(directory).FullName);
