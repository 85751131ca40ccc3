namespace Kiln.ImageBuilder;

/// <summary>Marks the image builder assembly; the builder arrives with its issue.</summary>
public static class ImageBuilderAssembly;
