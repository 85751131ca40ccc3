namespace Kiln.Phases.Config.Yaml;

/// <summary>Names a property's YAML key, as the Go struct's json tag does.</summary>
/// <param name="name">The key, spelled as kubeadm spells it.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class YamlFieldAttribute(string name) : Attribute
{
    /// <summary>The YAML key.</summary>
    public string Name { get; } = name;

    /// <summary>Written even when empty or null (a Go field without <c>omitempty</c>).</summary>
    public bool KeepEmpty { get; init; }
}
