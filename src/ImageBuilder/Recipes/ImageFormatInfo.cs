namespace Kiln.ImageBuilder.Recipes;

/// <summary>What Kiln calls a format and how the tools name it.</summary>
/// <param name="Format">The format.</param>
/// <param name="Name">Its name in recipes and <c>--format</c>, and its file extension.</param>
/// <param name="QemuName">qemu-img's name for it (<c>-f</c>, <c>-O</c>).</param>
/// <param name="ByQemuImg">Written by <c>qemu-img convert</c>, which stamps random ids: not reproducible.</param>
/// <param name="QemuCheck">Whether <c>qemu-img check</c> supports it.</param>
public sealed record ImageFormatInfo(ImageFormat Format, string Name, string QemuName, bool ByQemuImg, bool QemuCheck);
