using Hangar.Cli.Simulation;
using Hangar.Cli.Tests.Traces;
using Hangar.Cli.Traces;

namespace Hangar.Cli.Tests.Simulation;

public sealed class MachinePhasesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FromTrace_RunnersAJobWaitedFor_AreTheOnlyOnesDrawn()
    {
        // "a" took a waiting job at connect: made in 2 s, online 4 s after its create began. "b" idled first and was seen
        // online 12 s after its create began, at Hangar's next look: that is no boot time, so it is not drawn.
        var phases = MachinePhases.FromTrace([Instance("a", online: 5, firstJob: 5), Instance("b", online: 13, firstJob: 60)])["linux"];

        var random = new Random(1);
        for (var i = 0; i < 20; i++)
        {
            phases.Draw(random).ShouldBe((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));
        }

        phases.Destroy!.Median.ShouldBe(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public void FromTrace_NoRunnerTookAWaitingJob_DrawsWhatHangarSaw()
    {
        var phases = MachinePhases.FromTrace([Instance("b", online: 13, firstJob: 60)])["linux"];

        phases.Draw(new Random(1)).ShouldBe((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(12)));
    }

    [Fact]
    public void FromTrace_InstancesWithoutPhases_LeaveThePoolOut()
    {
        var generated = new TraceRecord { Kind = TraceRecord.InstanceKind, Pool = "linux", Created = T0, Online = T0.AddSeconds(30) };

        MachinePhases.FromTrace([generated]).ShouldBeEmpty();
    }

    private static TraceRecord Instance(string name, double online, double firstJob) => MeasuredInstance.At(T0, online, firstJob, name);
}
