using Hangar.Core.Planning.Policies;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>pools.X.policy</c> (docs/scheduling.md); the pool 'small' ends on line 12; max_runners
/// is line 13, policy line 14 and its first setting line 15.</summary>
public class WarmPolicyConfigTests
{
    private static string WithPolicy(string policy) => Minimal + "\n    max_runners: 20\n    policy:\n" + policy;

    [Fact]
    public void Parse_NoPolicy_IsStatic() =>
        Valid(Minimal).Engine.Pools[0].Policy.ShouldBe(StaticWarmPolicy.Instance);

    [Fact]
    public void Parse_Schedule_ReadsZoneAndWindows()
    {
        var policy = Valid(WithPolicy("""
                  type: schedule
                  time_zone: Europe/Berlin
                  windows:
                    - {name: office, cron: "* 8-17 * * mon-fri", min_idle: 4}
                    - {cron: "50-59 1 * * *", min_idle: 10}
            """)).Engine.Pools[0].Policy.ShouldBeOfType<ScheduleWarmPolicy>();

        policy.TimeZone.Id.ShouldBe("Europe/Berlin");
        policy.Windows.Select(w => (w.Name, w.Cron.Text, w.MinIdle)).ShouldBe([("office", "* 8-17 * * mon-fri", 4), ("1", "50-59 1 * * *", 10)]);
    }

    [Fact]
    public void Parse_Predictive_ReadsEverySetting()
    {
        var policy = Valid(WithPolicy("""
                  type: predictive
                  target_wait: 3s
                  idle_budget: 10%
                  boot_time: 45s
                  lookahead: 5m
                  coverage: 0.9
                  budget_window: 2h
                  hold: 3m
            """)).Engine.Pools[0].Policy.ShouldBeOfType<PredictiveWarmPolicy>();

        policy.ShouldBe(new PredictiveWarmPolicy
        {
            TargetWait = TimeSpan.FromSeconds(3),
            IdleBudget = 0.1,
            BootTime = TimeSpan.FromSeconds(45),
            Lookahead = TimeSpan.FromMinutes(5),
            Coverage = 0.9,
            BudgetWindow = TimeSpan.FromHours(2),
            Hold = TimeSpan.FromMinutes(3),
        });
    }

    [Fact]
    public void Parse_PredictiveDefaults() =>
        Valid(WithPolicy("      type: predictive\n")).Engine.Pools[0].Policy.ShouldBe(new PredictiveWarmPolicy());

    [Fact]
    public void Parse_UnknownTimeZone_PointsAtValue() =>
        SingleError(WithPolicy("      type: schedule\n      time_zone: Mars/Olympus\n      windows: [{cron: '* * * * *', min_idle: 1}]\n"))
            .ShouldBeAt(16, 18, "pools.small.policy.time_zone: unknown time zone 'Mars/Olympus'");

    [Fact]
    public void Parse_BadCron_PointsAtValueAndField() =>
        SingleError(WithPolicy("      type: schedule\n      windows:\n        - cron: '* 25 * * *'\n          min_idle: 1\n"))
            .ShouldBeAt(17, 17, "pools.small.policy.windows[0].cron: '* 25 * * *': hour: bad value '25'");

    [Fact]
    public void Parse_WindowMinIdleAboveMaxRunners_PointsAtValue() =>
        SingleError(WithPolicy("      type: schedule\n      windows:\n        - cron: '* * * * *'\n          min_idle: 21\n"))
            .ShouldBeAt(18, 21, "windows[0].min_idle");

    [Fact]
    public void Parse_ScheduleWithoutWindows_IsAnError() =>
        SingleError(WithPolicy("      type: schedule\n")).Message.ShouldContain("windows");

    [Fact]
    public void Parse_UnknownType_PointsAtValue() =>
        SingleError(WithPolicy("      type: clairvoyant\n")).ShouldBeAt(15, 13, "pools.small.policy.type");

    [Fact]
    public void Parse_SettingOfAnotherType_PointsAtKey() =>
        SingleError(WithPolicy("      type: schedule\n      target_wait: 5s\n      windows: [{cron: '* * * * *', min_idle: 1}]\n"))
            .ShouldBeAt(16, 7, "pools.small.policy.target_wait: not a setting of a schedule policy");

    [Fact]
    public void Parse_BadShare_PointsAtValue() =>
        SingleError(WithPolicy("      type: predictive\n      idle_budget: 150%\n"))
            .ShouldBeAt(16, 20, "expected a share such as 15% or 0.15");

    [Fact]
    public void Parse_PolicyOnPressureOnlyPool_IsRefused() =>
        SingleError(Minimal.Replace("provider: docker\n    image: hangar/runner:1", "provider: none", StringComparison.Ordinal) + "\n    policy: {type: predictive}")
            .Message.ShouldContain("provider 'none'");
}
