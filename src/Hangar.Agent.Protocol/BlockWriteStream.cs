namespace Hangar.Agent.Protocol;

/// <summary>
/// Hands <paramref name="inner"/> whole 64 KiB blocks (one Snappy frame each) and the remainder at dispose. Snappier's
/// compressing stream damaged archives when a small write (a tar header) was followed by large unaligned ones; given
/// aligned blocks it never did.
/// </summary>
internal sealed class BlockWriteStream(Stream inner) : Stream
{
    private const int BlockBytes = 64 * 1024;
    private readonly byte[] _block = new byte[BlockBytes];
    private int _filled;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var take = Math.Min(buffer.Length, BlockBytes - _filled);
            buffer[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
            if (_filled == BlockBytes)
            {
                inner.Write(_block, 0, BlockBytes);
                _filled = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    // Partial blocks stay until dispose: flushing them early would bring back the unaligned writes.
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _filled > 0)
        {
            inner.Write(_block, 0, _filled);
            _filled = 0;
        }

        base.Dispose(disposing);
    }
}
