using Hangar.Core.Jobs;
using Hangar.Testing;

namespace Hangar.Engine.Tests.Intake;

/// <summary>
/// Duplicated and out-of-order webhooks, exhaustively for one job: every order of queued, in_progress and completed,
/// with every subset of them delivered twice, and a converge pass after each delivery. The job never moves back and
/// never gets a second runner.
/// </summary>
public sealed class JobEventOrderTests
{
    private static readonly JobStatus[] Statuses = [JobStatus.Queued, JobStatus.InProgress, JobStatus.Completed];

    public static TheoryData<int[], int> Orders()
    {
        var data = new TheoryData<int[], int>();
        foreach (var order in Permutations([0, 1, 2]))
        {
            for (var duplicated = 0; duplicated < 8; duplicated++)
            {
                data.Add(order, duplicated);
            }
        }

        return data;
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [MemberData(nameof(Orders))]
    public async Task Submit_AnyOrderWithDuplicates_NeverBackwardsAndAtMostOneRunner(int[] order, int duplicatedMask)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await EngineHarness.StartAsync(cancellationToken: ct);
        var deliveries = new List<(JobStatus Status, string Id)>();
        foreach (var index in order)
        {
            var id = Guid.NewGuid().ToString("D");
            deliveries.Add((Statuses[index], id));
            if ((duplicatedMask & (1 << index)) != 0)
            {
                deliveries.Add((Statuses[index], id));
            }
        }

        var highest = (JobStatus?)null;
        foreach (var (status, id) in deliveries)
        {
            // The runner that takes the job is ours when the queued event came first, someone else's otherwise.
            var ours = (await h.InstancesAsync(cancellationToken: ct)).FirstOrDefault();
            var runner = status == JobStatus.Queued ? null : ours?.Name ?? "someone-elses-runner";
            await h.SubmitAsync(h.JobEvent(1, status, runner, runner is null ? null : 42, deliveryId: id), ct);
            await h.ConvergeAsync(ct);

            var stored = (await h.Store.GetJobAsync(new JobKey(h.Pool.Forge, 1), ct)).ShouldNotBeNull();
            if (highest is { } before)
            {
                ((int)stored.Status).ShouldBeGreaterThanOrEqualTo((int)before);
            }

            highest = stored.Status;
            (await h.InstancesAsync(cancellationToken: ct)).Count.ShouldBeLessThanOrEqualTo(1);
        }

        highest.ShouldBe(JobStatus.Completed);
        await h.ConvergeAsync(ct);
        (await h.LiveInstancesAsync(ct)).ShouldBeEmpty();
        h.Provider.Machines.ShouldBeEmpty();
    }

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items.Take(i), .. items.Skip(i + 1)]).Select(rest => (int[])[item, .. rest]));
}
