namespace Hangar.Providers.Process.Tests;

public sealed class ProcStatTests
{
    [Fact]
    public void Parse_CommandNameWithSpacesAndParens_ReadsTheFieldsAfterIt()
    {
        const string Line = "4242 (evil) name (x)) S 1 4240 4239 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 100";

        var stat = ProcStat.Parse(4242, Line).ShouldNotBeNull();

        stat.State.ShouldBe('S');
        stat.ProcessGroup.ShouldBe(4240);
        stat.Session.ShouldBe(4239);
        stat.StartTime.ShouldBe(987654);
    }

    [Fact]
    public void Read_OwnProcess_MatchesEnvironment()
    {
        var stat = ProcStat.Read(Environment.ProcessId).ShouldNotBeNull();

        stat.IsAlive.ShouldBeTrue();
        stat.StartTime.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Parse_Zombie_IsNotAlive() =>
        ProcStat.Parse(7, "7 (z) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0").ShouldNotBeNull().IsAlive.ShouldBeFalse();
}
