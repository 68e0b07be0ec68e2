using System.Diagnostics;
using Hangar.Bench.Harness;
using Hangar.Core.Jobs;
using Hangar.Core.Providers;
using Hangar.Core.Storage;
using Hangar.Engine.Reconcile;
using Hangar.Store.Copy;
using Hangar.Store.Postgres;
using Hangar.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hangar.Bench.Scale;

/// <summary>
/// The converge pass over the same steady state on the PostgreSQL store (issue 10), when a server is named
/// (<see cref="BenchPostgres"/>): the state is seeded into SQLite as for the SQLite figure and moved with
/// <c>hangar store copy</c>'s <see cref="StoreCopier"/> into a fresh schema. Three figures per size: the pass with the
/// live view hearing the change feed (the steady state; reference: the SQLite pass of the same run), the pass when
/// the view must load itself whole (after a lost notification connection; reference: a bare read of the same rows on
/// PostgreSQL), and the copy itself.
/// </summary>
internal sealed class PostgresPassBench(BenchOptions options, Report report, string server)
{
    public async Task RunAsync(int size, double sqlitePassMs, CancellationToken ct)
    {
        var state = ScaleState.Build(size, DateTimeOffset.UtcNow);
        var seedDir = options.NewDir($"scale-pg-seed-{size}");
        var seed = Path.Combine(seedDir, "hangar.db");
        await using (var sqlite = new SqliteStore(new SqliteStoreOptions { Path = seed }))
        {
            await sqlite.MigrateAsync(ct).ConfigureAwait(false);
        }

        await state.SeedAsync(seed, ct).ConfigureAwait(false);
        await using var schema = await BenchPostgres.CreateSchemaAsync(server, ct).ConfigureAwait(false);
        var copyStart = Stopwatch.GetTimestamp();
        var copied = await new StoreCopier().CopyAsync(
            StoreLocation.Of(new SqliteStoreOptions { Path = seed }), StoreLocation.Of(new PostgresStoreOptions { ConnectionString = schema.ConnectionString }), force: false, ct)
            .ConfigureAwait(false);
        var copyMs = Stats.Ms(copyStart, Stopwatch.GetTimestamp());
        var rows = copied.Tables.Sum(t => t.Rows);
        Report.Say($"scale postgres {size}: store copy of {rows} rows in {copyMs:0} ms");

        var provider = new InstantProvider("instant");
        await using var app = BenchHost.Create(
            options.NewDir($"scale-pg-{size}"), state.Pools, s => s.AddSingleton<IProvider>(provider), store: (BenchPostgres.Store, schema.ConnectionString));

        // The host is not started (the pass is called directly): only the change feed runs, as in a replica.
        var feed = app.Services.GetRequiredService<PostgresChangeFeed>();
        await feed.StartAsync(ct).ConfigureAwait(false);
        try
        {
            for (var wait = 0; !feed.Listening && wait < 200; wait++)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }

            var pass = app.Services.GetRequiredService<ConvergePass>();
            var signal = app.Services.GetRequiredService<IStoreChangeSignal>();
            var hearing = await MeasureAsync(pass, reload: null, ct).ConfigureAwait(false);
            var reloading = await MeasureAsync(pass, signal, ct).ConfigureAwait(false);
            var bare = new List<double>();
            for (var i = 0; i < (options.Quick ? 5 : 15); i++)
            {
                var start = Stopwatch.GetTimestamp();
                await BareReadAsync(schema.ConnectionString, ct).ConfigureAwait(false);
                bare.Add(Stats.Ms(start, Stopwatch.GetTimestamp()));
            }

            Report.Say($"scale postgres {size}: pass {hearing:0.0} ms hearing the feed, {reloading:0.0} ms reloading (bare read {Stats.Median(bare):0.0} ms)");
            report.Add(new Figure($"scale.pass.postgres.{size / 1000}k", hearing, "ms", "sqlite-pass-same-state", sqlitePassMs));
            report.Add(new Figure($"scale.pass.postgres.reload.{size / 1000}k", reloading, "ms", "bare-select-of-same-rows-postgres", Stats.Median(bare)));
            report.Add(new Figure($"scale.copy.postgres.{size / 1000}k", copyMs, "ms", "rows-copied", rows));
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The median pass; with <paramref name="reload"/>, the view is told before each pass that anything may have changed.</summary>
    private async Task<double> MeasureAsync(ConvergePass pass, IStoreChangeSignal? reload, CancellationToken ct)
    {
        var ms = new List<double>();
        var runs = options.Quick ? 5 : 15;
        for (var i = 0; i < runs + 2; i++)
        {
            reload?.AllChanged();
            var start = Stopwatch.GetTimestamp();
            var plan = await pass.RunAsync(ct).ConfigureAwait(false);
            var took = Stats.Ms(start, Stopwatch.GetTimestamp());
            if (plan.Creates.Count + plan.Destroys.Count + plan.Routes.Count + plan.Unroutable.Count > 0)
            {
                throw new InvalidOperationException($"the steady state is not steady on PostgreSQL: {plan.Creates.Count} creates, {plan.Destroys.Count} destroys, {plan.Routes.Count} routes");
            }

            if (i >= 2)
            {
                ms.Add(took);
            }
        }

        return Stats.Median(ms);
    }

    /// <summary>What a pass cannot avoid: reading every live instance and open job once.</summary>
    private static async Task BareReadAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        foreach (var sql in new[]
        {
            "SELECT * FROM instances WHERE state <> 'Deleted';",
            $"SELECT * FROM jobs WHERE status IN ({(int)JobStatus.Waiting}, {(int)JobStatus.Queued}, {(int)JobStatus.InProgress});",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                reader.GetValues(values);
            }
        }
    }
}
