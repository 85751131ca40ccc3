namespace Kiln.ImageBuilder.Payload;

/// <summary>Where a recipe's container images come from: an OCI image layout directory, or an OCI or docker archive file.</summary>
/// <param name="Path">The directory or file.</param>
/// <param name="Archive">A tar file (OCI layout or <c>docker save</c> format) rather than a layout directory.</param>
public sealed record ImageSource(string Path, bool Archive);
