using System.Net;
using Hangar.Store.Sqlite;
using Hangar.Store.Views;
using Microsoft.Data.Sqlite;

namespace Hangar.Server.Tests.Health;

public sealed class ReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private ServerFixture _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ServerFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<HttpStatusCode> ReadyzAsync()
    {
        using var response = await _server.Http.GetAsync("/readyz", Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Readyz_WriterBlockedByAnotherProcessWithAWriteQueued_AnswersReady()
    {
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            deadline.CancelAfter(Timeout);
            while (await ReadyzAsync() != HttpStatusCode.OK)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
        }

        // Another process holds the write lock (a backup, a second Hangar by mistake, a long migration), and a write of
        // this server's waits behind it in the single writer's queue.
        var path = ((SqliteStore)(_server.Store is ViewedStore viewed ? viewed.Inner : _server.Store)).FilePath;
        await using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        await other.OpenAsync(Ct);
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('other-process', 'x');";
            await begin.ExecuteNonQueryAsync(Ct);
        }

        var queued = _server.Store.GetOrAddSettingAsync("queued-write", "v", Ct);

        // Before readiness read beside the writer it queued a write of its own: 503 once the busy timeout ran out.
        (await ReadyzAsync()).ShouldBe(HttpStatusCode.OK);

        queued.IsCompleted.ShouldBeFalse("the write lock is still held elsewhere");
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Ct);
        }

        (await queued.WaitAsync(Timeout, Ct)).ShouldBe("v");
    }
}
