using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>max_job_duration</c>: how long a runner busy at its TTL may finish its job before the hard cap kills it.</summary>
public class ConfigLoaderMaxJobDurationTests
{
    // Appends a key to the pool 'small' on line 13, indented to column 5.
    private static string WithPoolLine(string line) => Minimal + "\n    " + line;

    [Fact]
    public void Parse_NotSet_SixHours() =>
        Valid(Minimal).Engine.Pools[0].MaxJobDuration.ShouldBe(TimeSpan.FromHours(6));

    [Fact]
    public void Parse_Days_ForJobsThatLegallyRunLong() =>
        Valid(WithPoolLine("max_job_duration: 3d")).Engine.Pools[0].MaxJobDuration.ShouldBe(TimeSpan.FromDays(3));

    [Fact]
    public void Parse_Zero_IsRejected() =>
        SingleError(WithPoolLine("max_job_duration: 0s")).ShouldBeAt(13, 23, "must be longer than 0");

    [Fact]
    public void Parse_NotADuration_PointsAtValue() =>
        SingleError(WithPoolLine("max_job_duration: forever")).ShouldBeAt(13, 23, "pools.small.max_job_duration: 'forever' is not a duration");
}
