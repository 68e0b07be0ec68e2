using Hangar.Engine;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>server.replica</c>, <c>server.leases</c> and pools' <c>replica</c> pin (several replicas on PostgreSQL).</summary>
public sealed class ReplicaConfigTests
{
    private const string ProcessOnPostgres = """
        server:
          replica: build-1
        store:
          type: postgres
          connection_string: {env: HANGAR_PG}
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          local:
            type: process
        pools:
          small:
            forge: github
            repository: acme/app
            provider: local
            command: [./run.sh]
        """;

    [Fact]
    public void Parse_NoReplicaSettings_DefaultsToTheHostNameAndTenSecondLeases()
    {
        var leases = Valid(Minimal).Engine.Leases;

        leases.ShouldBe(new LeaseOptions());
        leases.Duration.ShouldBe(TimeSpan.FromSeconds(10));
        leases.RenewInterval.ShouldBe(TimeSpan.FromSeconds(10) / 3);
    }

    [Fact]
    public void Parse_ProcessProviderOnPostgresWithoutPin_IsAnErrorAtThePoolsProvider()
    {
        SingleError(ProcessOnPostgres).ShouldBeAt(16, 15, "pools.small.provider: provider 'local' is a process provider");
    }

    [Fact]
    public void Parse_ProcessProviderOnPostgresPinnedToAReplica_IsValid()
    {
        var pool = Valid(ProcessOnPostgres + "\n    replica: build-1").Engine.Pools.ShouldHaveSingleItem();

        pool.Replica.ShouldBe("build-1");
    }

    [Fact]
    public void Parse_ProcessProviderOnSqlite_NeedsNoPin()
    {
        var sqlite = ProcessOnPostgres.Replace("  type: postgres\n  connection_string: {env: HANGAR_PG}", "  type: sqlite", StringComparison.Ordinal);

        Valid(sqlite).Engine.Pools.ShouldHaveSingleItem().Replica.ShouldBeNull();
    }

    [Fact]
    public void Parse_RenewalNotWellWithinTheLease_IsAnError()
    {
        var yaml = Minimal + """

            server:
              leases:
                duration: 10s
                renew_every: 6s
            """;

        SingleError(yaml).ShouldBeAt(16, 18, "server.leases.renew_every: must be at most half of server.leases.duration");
    }

    [Fact]
    public void Parse_ReplicaNameNotARunnerNamePart_IsAnError()
    {
        SingleError(Minimal + "\nserver:\n  replica: Build_1").ShouldBeAt(14, 12, "server.replica");
    }
}
