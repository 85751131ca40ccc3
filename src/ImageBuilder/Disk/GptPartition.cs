namespace Kiln.ImageBuilder.Disk;

/// <summary>One GPT entry: type, unique id, first and last LBA (inclusive), name.</summary>
public sealed record GptPartition(Guid Type, Guid Id, long FirstLba, long LastLba, string Name)
{
    public long Offset => FirstLba * Gpt.SectorSize;

    public long Length => (LastLba - FirstLba + 1) * Gpt.SectorSize;
}
