namespace Kiln.ImageBuilder.Tests;

[CollectionDefinition(Name)]
public sealed class BuiltImageGroup : ICollectionFixture<BuiltImage>
{
    public const string Name = "built image";
}
