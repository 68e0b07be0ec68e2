using Hangar.Core.Access;
using Hangar.Core.Instances;
using Hangar.Core.Jobs;
using Hangar.Core.Leases;
using Hangar.Core.Pools;
using Hangar.Core.Storage;

namespace Hangar.Testing.Storage;

/// <summary>
/// An installation's state with rows in every table a store keeps, written through the store's own API: jobs of every
/// status (GitHub and a Gitea re-run attempt, routed, unroutable, killed, checked), their deliveries, instances at
/// every stage with their history and tokens, expired leases, API tokens, a scale-set cursor and the controller id.
/// Times are recent (retention leaves them alone) and to the millisecond.
/// </summary>
public static class StoreStateSample
{
    public const string ControllerId = "copy-sample";

    public static async Task WriteAsync(IStore store, DateTimeOffset now, CancellationToken ct)
    {
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(now.AddHours(-1).ToUnixTimeMilliseconds());
        await store.GetOrAddSettingAsync("controller_id", ControllerId, ct);
        for (var id = 1; id <= 24; id++)
        {
            var status = (JobStatus)(id % 4);
            var runner = status >= JobStatus.InProgress ? $"hgr-linux-{id:x4}" : null;
            await store.RecordJobEventAsync(Event(id, JobStatus.Queued, $"delivery-{id}", null, t0.AddSeconds(id)), t0.AddSeconds(id), ct);
            if (status != JobStatus.Queued)
            {
                await store.RecordJobEventAsync(Event(id, status, $"delivery-{id}-{status}", runner, t0.AddSeconds(id + 30)), t0.AddSeconds(id + 30), ct);
            }

            await store.SetJobRouteAsync(new JobKey("github", id), id % 5 == 0 ? null : "linux", id % 5 == 0 ? "no pool has labels [gpu]" : null, t0.AddSeconds(id + 1), ct);
        }

        await store.RecordJobEventAsync(Event(100, JobStatus.Queued, "gitea-100-2", null, t0) with { Forge = "gitea", Attempt = 2, Labels = ["ubuntu-latest"] }, t0, ct);
        await store.MarkJobKilledAsync(new JobKey("github", 6), "ran past max_job_duration (6h)", t0.AddMinutes(5), ct);
        await store.RecordJobChecksAsync([new JobCheck(new JobKey("github", 1), Found: false), new JobCheck(new JobKey("github", 5), Found: true)], 3, t0.AddMinutes(6), ct);

        InstanceState[][] paths =
        [
            [InstanceState.Provisioning, InstanceState.Booting, InstanceState.Idle],
            [InstanceState.Provisioning, InstanceState.Booting, InstanceState.Busy],
            [InstanceState.Provisioning, InstanceState.Booting, InstanceState.Idle, InstanceState.Busy, InstanceState.Draining, InstanceState.Deleting, InstanceState.Deleted],
            [InstanceState.Provisioning, InstanceState.Failed],
            [InstanceState.Provisioning, InstanceState.Failed, InstanceState.Deleting, InstanceState.Deleted],
            [],
        ];
        for (var i = 0; i < paths.Length; i++)
        {
            var name = $"hgr-linux-{i:x4}";
            var at = t0.AddSeconds(i * 100);
            await store.InsertInstanceAsync(new Instance
            {
                Name = name, Pool = "linux", Provider = "docker", State = InstanceState.Pending, CreatedAt = at, StateChangedAt = at,
                Forge = "github", Target = ForgeTarget.Repository("acme/app"),
            }, "wanted for job 1", ct);
            if (i < 3)
            {
                await store.SetInstanceTokenAsync(new InstanceTokenRecord(name, [(byte)i, 1, 2, 3, 0xff], at, at.AddHours(2)), ct);
            }

            foreach (var state in paths[i])
            {
                at = at.AddSeconds(1);
                var changes = state switch
                {
                    InstanceState.Booting => new InstanceChanges { ProviderId = $"container-{i}", IncrementAttempts = true },
                    InstanceState.Busy => new InstanceChanges { ForgeRunnerId = 9000 + i, JobId = i + 1 },
                    InstanceState.Failed => new InstanceChanges { LastError = "image 'acme/runner:1' is not present" },
                    _ => null,
                };
                await store.TransitionAsync(name, state, $"to {state}", at, changes, ct);
            }
        }

        await store.AppendInstanceNoteAsync("hgr-linux-0000", "runner registered", t0.AddMinutes(10), ct);
        if (store is ILeaseStore leases)
        {
            // Taken long ago and run out: a store copy refuses live leases.
            await leases.AcquireAsync(["pool:linux", "pass:retention"], "old-replica/0000beef", TimeSpan.FromSeconds(10), t0, ct);
        }

        await store.InsertApiTokenAsync(new ApiToken { Id = "tok1", Name = "ci", Scope = ApiScope.Read, SecretHash = [1, 2, 3], CreatedAt = t0 }, ct);
        await store.InsertApiTokenAsync(new ApiToken
        {
            Id = "tok2", Name = "planner", Scope = ApiScope.Planner, SecretHash = [4, 5, 6], CreatedAt = t0.AddSeconds(1), ExpiresAt = t0.AddDays(30),
        }, ct);
        await store.TouchApiTokenAsync("tok2", t0.AddMinutes(1), ct);
        await store.RevokeApiTokenAsync("tok1", t0.AddMinutes(2), ct);
        await store.SaveScaleSetCursorAsync(new ScaleSetCursor
        {
            Forge = "github", Pool = "linux", ScaleSetId = 42, LastMessageId = 17, AssignedJobs = 3, UpdatedAt = t0.AddMinutes(3),
        }, ct);
    }

    private static JobEvent Event(long id, JobStatus status, string delivery, string? runner, DateTimeOffset createdAt) => new()
    {
        Forge = "github",
        JobId = id,
        Status = status,
        Repository = "acme/app",
        Owner = "acme",
        Labels = ["self-hosted", "linux", $"x-{id}"],
        RunId = 1000 + id,
        Name = $"build {id}",
        RunnerName = runner,
        RunnerId = runner is null ? null : 500 + id,
        Conclusion = status == JobStatus.Completed ? "success" : null,
        DeliveryId = delivery,
        CreatedAt = createdAt,
    };
}
