namespace Kiln.ImageBuilder.Recipes;

/// <summary>GPT partition type GUIDs by the names recipes use (the Discoverable Partitions Specification's).</summary>
public static class PartitionTypes
{
    static readonly Dictionary<string, Guid> s_types = new(StringComparer.Ordinal)
    {
        ["linux"] = new("0FC63DAF-8483-4772-8E79-3D69D8477DE4"),
        ["root-x86-64"] = new("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709"),
        ["root-arm64"] = new("B921B045-1DF0-41C3-AF44-4C6F280D3FAE"),
        ["var"] = new("4D21B016-B534-45C2-A9FB-5C16E091FD2D"),
    };

    public static IEnumerable<string> Names => s_types.Keys;

    public static Guid? Parse(string name) => s_types.TryGetValue(name, out var g) ? g : null;
}
