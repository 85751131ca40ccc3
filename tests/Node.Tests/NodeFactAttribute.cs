using Kiln.TestKit.Nodes;

namespace Kiln.Node.Tests;

/// <summary>A test that boots real nodes: skipped, with the reason, where they cannot run (no systemd-nspawn, not
/// root, eng/node-base.sh's cache not built). eng/test.sh builds the cache, so CI runs them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeCache.MissingReason(InitNode.KubernetesVersion) is { } reason)
        {
            Skip = reason;
        }
    }
}
