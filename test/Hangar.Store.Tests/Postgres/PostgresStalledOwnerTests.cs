using Hangar.Core.Leases;
using Hangar.Store.Postgres;
using Hangar.Testing;
using Npgsql;

namespace Hangar.Store.Tests.Postgres;

/// <summary>
/// A replica stalled (SIGSTOP, a long pause, a frozen VM) inside a fenced write keeps its transaction open, and with it
/// the FOR SHARE lock its fence check took on the lease row. A take-over's update of that row waits for the lock: the
/// server must end the stalled transaction, or no other replica can ever take the stalled one's pools.
/// </summary>
public sealed class PostgresStalledOwnerTests : IAsyncDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly PostgresStoreBackend _backend = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    [Fact]
    public async Task Acquire_OwnerStalledInsideAFencedWrite_TakeOverGoesAheadAndTheStalledWriteCommitsNothing()
    {
        var a = await _backend.OpenAsync();
        var b = await _backend.OpenAsync();
        await a.MigrateAsync(Ct);
        await a.Database.WriteUnfencedAsync(async (connection, ct) =>
        {
            await using var create = new NpgsqlCommand("CREATE TABLE stalled_writes (id int);", connection);
            return await create.ExecuteNonQueryAsync(ct);
        }, Ct);
        var held = (await a.AcquireAsync(["pool:linux"], "a", Lease, T0, Ct)).ShouldHaveSingleItem();

        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> stalled;
        using (StoreFence.Enter(new LeaseFence(held.Name, held.Holder, held.Epoch)))
        {
            stalled = a.Database.WriteAsync(async (connection, ct) =>
            {
                inside.TrySetResult();
                await wake.Task;
                await using var insert = new NpgsqlCommand("INSERT INTO stalled_writes VALUES (1);", connection);
                return await insert.ExecuteNonQueryAsync(ct);
            }, Ct);
        }

        await inside.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Past a's lease, b takes the pool over; each attempt waits on the stalled transaction's lock until it ends.
        Lease? taken = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    taken = (await b.AcquireAsync(["pool:linux"], "b", Lease, T0 + Lease + TimeSpan.FromSeconds(1), Ct)).Single();
                    return taken.Holder == "b";
                }
                catch (NpgsqlException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(90),
            "b to take over the stalled owner's lease",
            Ct);
        taken.ShouldNotBeNull().Epoch.ShouldBe(held.Epoch + 1);

        // The stalled owner wakes: its write finds its session ended, and on a new one a fence that changed hands.
        wake.SetResult();
        await Should.ThrowAsync<StaleLeaseException>(stalled.WaitAsync(TimeSpan.FromSeconds(60), Ct));
        var rows = await b.Database.ReadAsync(async (connection, ct) =>
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM stalled_writes;", connection);
            return (long)(await count.ExecuteScalarAsync(ct))!;
        }, Ct);
        rows.ShouldBe(0);
    }
}
