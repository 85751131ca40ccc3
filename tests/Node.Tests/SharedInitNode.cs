namespace Kiln.Node.Tests;

/// <summary>The tests that share one initialised node1 (init, then join against it); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedInitNode : ICollectionFixture<InitNode>
{
    public const string Name = "real node1 after kiln init";
}
