using System.Formats.Tar;
using System.IO.Compression;
using Hangar.Agent.Protocol;
using Snappier;

namespace Hangar.Server.Tests.Agent;

/// <summary>The archive's path safety and limits, which both the agent and Hangar apply when extracting.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TaskArchiveTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-archive-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("sub/../../escape.txt")]
    [InlineData("/etc/escape.txt")]
    public async Task Extract_EntryLeavingTheTarget_IsRefused(string name)
    {
        using var archive = Archive(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream([1]) });

        await Should.ThrowAsync<UnsafeArchiveException>(() => TaskArchive.ExtractAsync(archive, Target(), 1 << 20));

        File.Exists(Path.Combine(_dir.FullName, "escape.txt")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc/passwd")]
    public async Task Extract_SymlinkPointingOut_IsRefused(string target)
    {
        using var archive = Archive(new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = target });

        await Should.ThrowAsync<UnsafeArchiveException>(() => TaskArchive.ExtractAsync(archive, Target(), 1 << 20));
    }

    [Fact]
    public async Task Extract_FileWrittenThroughAnEarlierSymlink_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "elsewhere"));
        using var archive = Archive(
            new PaxTarEntry(TarEntryType.SymbolicLink, "dir") { LinkName = "." },
            new PaxTarEntry(TarEntryType.RegularFile, "dir/file") { DataStream = new MemoryStream([1]) });

        await Should.ThrowAsync<UnsafeArchiveException>(() => TaskArchive.ExtractAsync(archive, Target(), 1 << 20));
    }

    [Fact]
    public async Task Extract_ArchiveOverItsLimit_StopsWithAClearError()
    {
        using var archive = Archive(new PaxTarEntry(TarEntryType.RegularFile, "big") { DataStream = new MemoryStream(System.Security.Cryptography.RandomNumberGenerator.GetBytes(1 << 20)) });

        var error = await Should.ThrowAsync<ArchiveLimitException>(() => TaskArchive.ExtractAsync(archive, Target(), 64 * 1024));

        error.Message.ShouldContain("over its limit of 65536 bytes");
    }

    [Fact]
    public async Task Pack_SymlinkPointingOutOfTheRoot_IsRefused()
    {
        var root = Target();
        File.CreateSymbolicLink(Path.Combine(root, "out"), "../../etc/passwd");

        await Should.ThrowAsync<UnsafeArchiveException>(() => TaskArchive.PackAsync(root, ["out"], new MemoryStream(), 1 << 20));
    }

    [Fact]
    public async Task PackThenExtract_KeepsContentModeAndInnerSymlinks()
    {
        var root = Target();
        await File.WriteAllTextAsync(Path.Combine(root, "tool.sh"), "#!/bin/sh\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(Path.Combine(root, "tool.sh"), (UnixFileMode)Convert.ToInt32("755", 8));
        File.CreateSymbolicLink(Path.Combine(root, "alias"), "tool.sh");
        using var packed = new MemoryStream();
        await TaskArchive.PackAsync(root, ["tool.sh", "alias"], packed, 1 << 20, TestContext.Current.CancellationToken);
        packed.Position = 0;

        var into = Path.Combine(_dir.FullName, "copy");
        var written = await TaskArchive.ExtractAsync(packed, into, 1 << 20, TestContext.Current.CancellationToken);

        written.Order(StringComparer.Ordinal).ShouldBe(["alias", "tool.sh"]);
        File.GetUnixFileMode(Path.Combine(into, "tool.sh")).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        new FileInfo(Path.Combine(into, "alias")).LinkTarget.ShouldBe("tool.sh");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(40)]
    [InlineData(100)]
    public async Task PackThenExtract_LargeIncompressibleFile_ComesBackWhole(int megabytes)
    {
        var root = Target();
        var data = System.Security.Cryptography.RandomNumberGenerator.GetBytes(megabytes << 20);
        await File.WriteAllBytesAsync(Path.Combine(root, "big.bin"), data, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(root, "small.txt"), "after the big one\n", TestContext.Current.CancellationToken);
        using var packed = new MemoryStream();
        await TaskArchive.PackAsync(root, ["big.bin", "small.txt"], packed, 1L << 30, TestContext.Current.CancellationToken);
        packed.Position = 0;

        var into = Path.Combine(_dir.FullName, "copy");
        await TaskArchive.ExtractAsync(packed, into, 1L << 30, TestContext.Current.CancellationToken);

        (await File.ReadAllBytesAsync(Path.Combine(into, "big.bin"), TestContext.Current.CancellationToken)).SequenceEqual(data).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(into, "small.txt"), TestContext.Current.CancellationToken)).ShouldBe("after the big one\n");
    }

    private string Target() => Directory.CreateDirectory(Path.Combine(_dir.FullName, "target-" + Guid.NewGuid().ToString("N")[..6])).FullName;

    private static MemoryStream Archive(params TarEntry[] entries)
    {
        var stream = new MemoryStream();
        using (var snappy = new SnappyStream(stream, CompressionMode.Compress, leaveOpen: true))
        using (var tar = new TarWriter(snappy, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
