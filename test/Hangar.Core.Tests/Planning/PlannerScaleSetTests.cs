using Hangar.Core.Instances;
using Hangar.Core.Planning;

namespace Hangar.Core.Tests.Planning;

/// <summary>A runner scale set's demand is GitHub's count of jobs assigned to it (waiting and running) less its busy
/// runners, not its routed queued jobs; min_idle and max_runners apply as for any pool.</summary>
public sealed class PlannerScaleSetTests
{
    private static readonly TimeSpan Young = TimeSpan.FromMinutes(1);

    private static Plan Plan(int assigned, IEnumerable<Hangar.Core.Instances.Instance>? instances = null, int minIdle = 0, int maxRunners = 10, int queuedJobs = 0) =>
        Planner.Plan(new PlannerInput(
            [Make.Pool("set") with { MinIdle = minIdle, MaxRunners = maxRunners, ScaleSet = "set" }],
            [.. Enumerable.Range(1, queuedJobs).Select(i => Make.Job(i) with { Pool = "set" })],
            [.. instances ?? []],
            Make.Now)
        {
            ScaleSetAssignedJobs = new Dictionary<string, int> { ["set"] = assigned },
        });

    [Fact]
    public void Plan_AssignedJobsNoRunners_CreatesOnePerJob() =>
        Plan(assigned: 3).CreatesIn("set").ShouldBe(3);

    [Fact]
    public void Plan_AssignedJobsAllRunning_CreatesNothing() =>
        Plan(assigned: 2, Make.Instances(2, "set", InstanceState.Busy, Young)).CreatesIn("set").ShouldBe(0);

    [Fact]
    public void Plan_OneOfTwoRunning_CreatesOneForTheWaitingJob() =>
        Plan(assigned: 2, Make.Instances(1, "set", InstanceState.Busy, Young)).CreatesIn("set").ShouldBe(1);

    [Fact]
    public void Plan_MoreBusyThanAssigned_NoNegativeDemandAndMinIdleStillHolds() =>
        Plan(assigned: 0, Make.Instances(2, "set", InstanceState.Busy, Young), minIdle: 1).CreatesIn("set").ShouldBe(1);

    [Fact]
    public void Plan_AssignedBeyondMaxRunners_CappedByMaxRunners() =>
        Plan(assigned: 50, maxRunners: 4).CreatesIn("set").ShouldBe(4);

    [Fact]
    public void Plan_QueuedJobsRoutedButNothingAssigned_StatisticsWinOverTheRoutedCount() =>
        Plan(assigned: 0, queuedJobs: 5).CreatesIn("set").ShouldBe(0);

    [Fact]
    public void Plan_IdleRunnerAndAssignedJobWaiting_CreatesNothing() =>
        Plan(assigned: 1, Make.Instances(1, "set", InstanceState.Idle, Young)).CreatesIn("set").ShouldBe(0);

    [Fact]
    public void Plan_NoStatisticsYet_FallsBackToRoutedQueuedJobs() =>
        Planner.Plan(new PlannerInput([Make.Pool("set") with { ScaleSet = "set" }], [Make.Job(1) with { Pool = "set" }], [], Make.Now))
            .CreatesIn("set").ShouldBe(1);
}
