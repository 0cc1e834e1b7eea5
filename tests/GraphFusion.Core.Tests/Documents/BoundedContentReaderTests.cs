using GraphFusion.Core.Documents;

namespace GraphFusion.Core.Tests.Documents;

public class BoundedContentReaderTests
{
    private const long Limit = 1_000_000;

    [Fact]
    public async Task An_endless_stream_is_rejected_after_at_most_limit_plus_one_bytes()
    {
        var source = new CountingStream(new EndlessStream());

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            BoundedContentReader.ReadAsync(source, "pipe.txt", Limit, expectedLength: null, CancellationToken.None));

        Assert.Equal("pipe.txt", error.DocumentName);
        Assert.Contains($"limit of {Limit} bytes", error.Message, StringComparison.Ordinal);
        Assert.InRange(source.BytesRead, Limit + 1, Limit + 1);
        Assert.InRange(source.LargestRequest, 1, Limit + 1);
    }

    [Fact]
    public async Task A_stream_longer_than_it_claimed_is_cut_at_the_limit()
    {
        var source = new CountingStream(new EndlessStream());

        await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            BoundedContentReader.ReadAsync(source, "grown.txt", Limit, expectedLength: 10, CancellationToken.None));

        Assert.Equal(Limit + 1, source.BytesRead);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 1L)]
    [InlineData(Limit, Limit)]
    [InlineData(Limit, null)]
    [InlineData(300_000, 100L)]
    public async Task Content_within_the_limit_comes_back_whole(long length, long? expectedLength)
    {
        var bytes = new byte[length];
        new Random(1).NextBytes(bytes);
        var source = new CountingStream(new MemoryStream(bytes));

        var content = await BoundedContentReader.ReadAsync(source, "ok.txt", Limit, expectedLength, CancellationToken.None);

        Assert.Equal(bytes, content);
        Assert.InRange(source.BytesRead, length, length);
    }

    /// <summary>Counts the bytes a reader takes and the largest buffer it offers.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public int LargestRequest { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count), count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken), buffer.Length);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read, int requested)
        {
            BytesRead += read;
            LargestRequest = Math.Max(LargestRequest, requested);
            return read;
        }
    }

    /// <summary>A pipe that never ends: every read is filled.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
