using Hangar.Agent.Protocol;

namespace Hangar.Server.Tests.Agent;

/// <summary>The archive written to and read from real files, as the agent and exec do (not only memory streams).</summary>
public sealed class TaskArchiveFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-archive-file-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task PackToFileThenExtract_100MegabyteFile_ComesBackWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateDirectory(Path.Combine(_dir.FullName, "root")).FullName;
        var data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(100 << 20);
        await File.WriteAllBytesAsync(Path.Combine(root, "big.bin"), data, ct);
        await File.WriteAllTextAsync(Path.Combine(root, "z.txt"), "last\n", ct);
        var archive = Path.Combine(_dir.FullName, "out.sz");
        var file = new FileStream(archive, FileMode.Create, FileAccess.ReadWrite);
        await using (file)
        {
            await TaskArchive.PackAsync(root, ["big.bin", "z.txt"], file, 1L << 30, ct);
        }

        var into = Path.Combine(_dir.FullName, "into");
        var read = File.OpenRead(archive);
        await using (read)
        {
            await TaskArchive.ExtractAsync(read, into, 1L << 30, ct);
        }

        (await File.ReadAllBytesAsync(Path.Combine(into, "big.bin"), ct)).SequenceEqual(data).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(into, "z.txt"), ct)).ShouldBe("last\n");
    }
}
