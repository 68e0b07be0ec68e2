using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Hangar.Store.Postgres;

namespace Hangar.Store.Tests.Postgres;

/// <summary>The notification payloads replicas exchange: rows named when they fit, the older forms still understood.</summary>
public sealed class PostgresChangesTests
{
    [Fact]
    public void Parse_PayloadNamingJobs_GivesTheSameKeysBack()
    {
        JobKey[] jobs = [new("github", 1), new("gitea:eu/west", 42, 3)];

        var change = PostgresChanges.Parse("s1:" + PostgresChanges.Payload(new StoreChange(StoreChangeKind.Jobs, Jobs: jobs)), "s1");

        change.ShouldNotBeNull().Kind.ShouldBe(StoreChangeKind.Jobs);
        change.Jobs.ShouldBe(jobs);
    }

    [Fact]
    public void Parse_PayloadNamingInstances_GivesPoolAndNamesBack()
    {
        var change = PostgresChanges.Parse("s1:" + PostgresChanges.Payload(new StoreChange(StoreChangeKind.Instances, "linux:x", ["hgr-a", "b,c"])), "s1");

        change.ShouldNotBeNull().Pool.ShouldBe("linux:x");
        change.Instances.ShouldBe(["hgr-a", "b,c"]);
    }

    [Fact]
    public void Payload_TooManyRowsForOneNotification_NamesNoRowsSoReadersReloadTheKind()
    {
        var jobs = Enumerable.Range(1, 2_000).Select(i => new JobKey("github", 1_000_000 + i)).ToList();

        var payload = PostgresChanges.Payload(new StoreChange(StoreChangeKind.Jobs, Jobs: jobs));
        var change = PostgresChanges.Parse("s1:" + payload, "s1");

        payload.Length.ShouldBeLessThan(100);
        change.ShouldNotBeNull().Jobs.ShouldBeNull();
    }

    [Theory]
    [InlineData("s1:jobs", StoreChangeKind.Jobs, null)]
    [InlineData("s1:instances:linux", StoreChangeKind.Instances, "linux")]
    public void Parse_PayloadOfAnOlderReplica_UnderstoodAsAnyRowOfItsKind(string payload, StoreChangeKind kind, string? pool)
    {
        var change = PostgresChanges.Parse(payload, "s1");

        change.ShouldBe(new StoreChange(kind, pool));
    }

    [Theory]
    [InlineData("s2:jobs::github/1/0")]
    [InlineData("s1:leases")]
    [InlineData("s1")]
    public void Parse_OtherSchemaOrUnknownKind_Ignored(string payload) => PostgresChanges.Parse(payload, "s1").ShouldBeNull();

    [Fact]
    public void Parse_OperatorsPayload_RoundTripsWithItsPool()
    {
        var sent = new StoreChange(StoreChangeKind.Operators, "linux:x");

        PostgresChanges.Parse("s1:" + PostgresChanges.Payload(sent), "s1").ShouldBe(sent);
    }

    [Fact]
    public void Parse_RowInAFormThisBuildDoesNotKnow_AnyJobMayHaveChanged()
    {
        var change = PostgresChanges.Parse("s1:jobs::github/1/0,github/2/0/extra", "s1");

        change.ShouldNotBeNull().Jobs.ShouldBeNull();
    }
}
