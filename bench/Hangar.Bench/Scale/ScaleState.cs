using Hangar.Bench.Harness;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Pools;
using Microsoft.Data.Sqlite;

namespace Hangar.Bench.Scale;

/// <summary>
/// A busy steady state: 10 instances per pool (2 idle = min_idle, 2 booting, 6 busy), 6 jobs in progress on the busy
/// runners and 2 queued jobs routed to the pool. The planner finds nothing to do in it, so a pass over it measures the
/// cost of looking, not of acting.
/// </summary>
internal sealed record ScaleState(IReadOnlyList<PoolSpec> Pools, IReadOnlyList<Instance> Instances, IReadOnlyList<Job> Jobs)
{
    public const int InstancesPerPool = 10;

    public static ScaleState Build(int instances, DateTimeOffset now, string provider = "instant")
    {
        var pools = new List<PoolSpec>();
        var list = new List<Instance>(instances);
        var jobs = new List<Job>();
        var created = now - TimeSpan.FromMinutes(5);
        long jobId = 1;
        for (var p = 0; p < instances / InstancesPerPool; p++)
        {
            var pool = BenchHost.Pool($"pool-{p:00000}", provider, maxRunners: 20, labels: ["linux", $"p{p}"]) with { MinIdle = 2 };
            pools.Add(pool);
            for (var i = 0; i < InstancesPerPool; i++)
            {
                var state = i < 2 ? InstanceState.Idle : i < 4 ? InstanceState.Booting : InstanceState.Busy;
                var name = $"hgr-{pool.Name}-{i:00}";
                long? job = state == InstanceState.Busy ? jobId++ : null;
                list.Add(new Instance
                {
                    Name = name,
                    Pool = pool.Name,
                    Provider = provider,
                    State = state,
                    CreatedAt = created,
                    StateChangedAt = created,
                    ProviderId = "id-" + name,
                    ForgeRunnerId = 1000 + list.Count,
                    JobId = job,
                    LastReason = "seeded",
                });
                if (job is { } id)
                {
                    jobs.Add(NewJob(id, pool, JobStatus.InProgress, name, created));
                }
            }

            jobs.Add(NewJob(jobId++, pool, JobStatus.Queued, null, created));
            jobs.Add(NewJob(jobId++, pool, JobStatus.Queued, null, created));
        }

        return new ScaleState(pools, list, jobs);
    }

    private static Job NewJob(long id, PoolSpec pool, JobStatus status, string? runner, DateTimeOffset at) => new()
    {
        Forge = "github",
        Id = id,
        Status = status,
        Repository = BenchHost.Repository,
        Owner = "acme",
        Labels = ["self-hosted", .. pool.Labels],
        RunId = id + 7,
        Name = "build",
        Pool = pool.Name,
        RunnerName = runner,
        RunnerId = runner is null ? null : id + 100,
        ReceivedAt = at,
        QueuedAt = at,
        StartedAt = status == JobStatus.InProgress ? at : null,
        UpdatedAt = at,
    };

    /// <summary>
    /// Writes the state straight into a migrated database in one transaction (through the store API it would be one
    /// fsync per row). Follows the column layout of migration 0001; the store reads it back like any other row.
    /// </summary>
    public async Task SeedAsync(string databasePath, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=false");
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO instances (name, pool, provider, state, created_at, state_changed_at, provider_id, forge_runner_id, job_id, attempts, last_reason)
                VALUES ($name, $pool, $provider, $state, $created, $changed, $pid, $rid, $job, 1, $reason);
                """;
            var p = new[] { "$name", "$pool", "$provider", "$state", "$created", "$changed", "$pid", "$rid", "$job", "$reason" }
                .Select(n => insert.Parameters.AddWithValue(n, DBNull.Value)).ToArray();
            foreach (var i in Instances)
            {
                p[0].Value = i.Name;
                p[1].Value = i.Pool;
                p[2].Value = i.Provider;
                p[3].Value = i.State.ToString();
                p[4].Value = i.CreatedAt.ToUnixTimeMilliseconds();
                p[5].Value = i.StateChangedAt.ToUnixTimeMilliseconds();
                p[6].Value = i.ProviderId;
                p[7].Value = i.ForgeRunnerId;
                p[8].Value = (object?)i.JobId ?? DBNull.Value;
                p[9].Value = i.LastReason;
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO jobs (forge, id, status, repository, owner, labels, run_id, name, pool, runner_name, runner_id, received_at, queued_at, started_at, updated_at)
                VALUES ($forge, $id, $status, $repo, $owner, $labels, $run, $name, $pool, $runner, $rid, $at, $at, $started, $at);
                """;
            var p = new[] { "$forge", "$id", "$status", "$repo", "$owner", "$labels", "$run", "$name", "$pool", "$runner", "$rid", "$at", "$started" }
                .Select(n => insert.Parameters.AddWithValue(n, DBNull.Value)).ToArray();
            foreach (var j in Jobs)
            {
                p[0].Value = j.Forge;
                p[1].Value = j.Id;
                p[2].Value = (int)j.Status;
                p[3].Value = j.Repository;
                p[4].Value = j.Owner;
                p[5].Value = System.Text.Json.JsonSerializer.Serialize(j.Labels);
                p[6].Value = j.RunId;
                p[7].Value = j.Name;
                p[8].Value = j.Pool;
                p[9].Value = (object?)j.RunnerName ?? DBNull.Value;
                p[10].Value = (object?)j.RunnerId ?? DBNull.Value;
                p[11].Value = j.QueuedAt.ToUnixTimeMilliseconds();
                p[12].Value = j.StartedAt is { } s ? s.ToUnixTimeMilliseconds() : DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }
}
