using System.Formats.Tar;
using System.IO.Compression;
using Snappier;

namespace Hangar.Agent.Protocol;

/// <summary>
/// The task archive: a tar (PAX) of regular files and symbolic links, compressed with the Snappy framing format (which
/// S2 decoders read). Inputs go to the agent this way and the files a task changed come back this way. Both sides
/// refuse entries that would land outside the target directory and stop at a size limit.
/// </summary>
public static class TaskArchive
{
    /// <summary>
    /// Packs <paramref name="paths"/> (relative to <paramref name="root"/>; files and symlinks, others skipped) into
    /// <paramref name="destination"/>. A symlink pointing outside <paramref name="root"/> is refused.
    /// </summary>
    /// <exception cref="ArchiveLimitException">The compressed archive grew past <paramref name="maxBytes"/>.</exception>
    /// <exception cref="UnsafeArchiveException">A path or link leaves the root.</exception>
    public static Task PackAsync(string root, IEnumerable<string> paths, Stream destination, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var entries = paths.Select(p => (Source: ArchivePaths.Resolve(root, p), Entry: p.Replace('\\', '/'))).ToList();
        foreach (var (source, entry) in entries)
        {
            if (new FileInfo(source).LinkTarget is { } target)
            {
                ArchivePaths.CheckLink(root, entry, source, target);
            }
        }

        return PackEntriesAsync(entries, destination, maxBytes, cancellationToken);
    }

    /// <summary>
    /// Packs each <c>Source</c> file or symlink under the archive name <c>Entry</c> (an input mapping); missing sources
    /// are skipped. Entry names are checked as the receiving side checks them.
    /// </summary>
    /// <exception cref="ArchiveLimitException">The compressed archive grew past <paramref name="maxBytes"/>.</exception>
    public static async Task PackEntriesAsync(IEnumerable<(string Source, string Entry)> entries, Stream destination, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var limited = new LimitedStream(destination, maxBytes, "the archive");
        await using (limited.ConfigureAwait(false))
        {
            var snappy = new SnappyStream(limited, CompressionMode.Compress, leaveOpen: true);
            await using (snappy.ConfigureAwait(false))
            {
                var blocks = new BlockWriteStream(snappy);
                await using (blocks.ConfigureAwait(false))
                {
                    var tar = new TarWriter(blocks, TarEntryFormat.Pax, leaveOpen: true);
                    await using (tar.ConfigureAwait(false))
                    {
                        foreach (var (source, entry) in entries.OrderBy(e => e.Entry, StringComparer.Ordinal))
                        {
                            ArchivePaths.Resolve("/archive-root", entry);
                            var info = new FileInfo(source);
                            if (info.LinkTarget is null && !info.Exists)
                            {
                                continue;
                            }

                            await tar.WriteEntryAsync(source, entry, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Extracts the archive in <paramref name="source"/> into <paramref name="target"/>, replacing files of the same
    /// name. Returns the relative paths written. Regular files and symlinks only; modes (the executable bit) are kept.
    /// </summary>
    /// <exception cref="ArchiveLimitException">The archive, compressed or not, is over <paramref name="maxBytes"/>.</exception>
    /// <exception cref="UnsafeArchiveException">An entry escapes <paramref name="target"/> or is of a refused kind.</exception>
    public static async Task<IReadOnlyList<string>> ExtractAsync(Stream source, string target, long maxBytes, CancellationToken cancellationToken = default)
    {
        target = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        Directory.CreateDirectory(target);
        var written = new List<string>();
        var compressed = new LimitedStream(source, maxBytes, "the archive");
        // Expanded into a temporary file first and read from there: TarReader reading straight from Snappier's stream
        // lost data after a small entry, while a plain copy never did. The expanded size counts too, so a small
        // archive of zeros cannot fill the disk.
        var tarFile = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await using (tarFile.ConfigureAwait(false))
        await using (compressed.ConfigureAwait(false))
        {
            var snappy = new SnappyStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            await using (snappy.ConfigureAwait(false))
            {
                var expanded = new LimitedStream(tarFile, maxBytes * 4, "the expanded archive");
                await snappy.CopyToAsync(expanded, cancellationToken).ConfigureAwait(false);
            }

            tarFile.Position = 0;
            var tar = new TarReader(tarFile, leaveOpen: true);
            await using (tar.ConfigureAwait(false))
            {
                while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    written.Add(await ExtractEntryAsync(target, entry, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return written;
    }

    private static async Task<string> ExtractEntryAsync(string target, TarEntry entry, CancellationToken cancellationToken)
    {
        var full = ArchivePaths.Resolve(target, entry.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            File.Delete(full);
        }

        switch (entry.EntryType)
        {
            case TarEntryType.SymbolicLink:
                ArchivePaths.CheckLink(target, entry.Name, full, entry.LinkName);
                File.CreateSymbolicLink(full, entry.LinkName);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(full, (UnixFileMode)entry.Mode & (UnixFileMode)0x1FF);
                }

                break;
            default:
                throw new UnsafeArchiveException(entry.Name, $"entries of type {entry.EntryType} are not accepted");
        }

        return Path.GetRelativePath(target, full);
    }
}
