namespace Hangar.Agent.Protocol;

/// <summary>
/// Passes reads and writes through to <paramref name="inner"/> and throws <see cref="ArchiveLimitException"/> once more
/// than <paramref name="limit"/> bytes went through, so a huge (or decompression-bomb) archive stops early.
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit, string what) : Stream
{
    private const int MaxRead = 64 * 1024;

    public long Count { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, Math.Min(count, MaxRead)));

    // Reads are capped at about one Snappy frame, so the limit stops a large archive within a frame of it.
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer[..Math.Min(buffer.Length, MaxRead)], cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Counted(count);
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Counted(buffer.Length);
        // Copied before the first await: Snappier's compressing stream reuses its buffer as soon as this call returns
        // to it, and a file stream's asynchronous write read it later (a 100 MB archive came out damaged).
        await inner.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private int Counted(int count)
    {
        Count += count;
        if (Count > limit)
        {
            throw new ArchiveLimitException(what, limit);
        }

        return count;
    }
}
