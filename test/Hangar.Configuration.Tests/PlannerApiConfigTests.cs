using Hangar.Core.Access;
using Hangar.Core.Pools;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary>The planner API's keys: token scopes, <c>platform</c>, <c>minimum_pressure</c>, <c>provider: none</c>,
/// <c>pressure_heartbeat</c>.</summary>
public class PlannerApiConfigTests
{
    private static string WithPoolLine(string line) => Minimal + "\n    " + line;

    private const string PressureOnly = """
        forges:
          github:
            token: {env: GH_TOKEN}
        pools:
          outside:
            forge: github
            repository: acme/app
            provider: none
            labels: [linux]
            platform: linux-arm64
            minimum_pressure: 2
        """;

    [Fact]
    public void Parse_ApiTokensWithAndWithoutScope_UnscopedOnesOnlyRead()
    {
        var config = Valid("""
            server:
              api_tokens:
                - {name: ops, file: /etc/hangar/ops, scope: admin}
                - {name: grafana, env: GRAFANA_TOKEN}
                - {name: manager, env: MANAGER_TOKEN, scope: planner}
            """ + "\n" + Minimal);

        config.Server.ApiTokens.Select(t => (t.Secret.Name, t.Scope)).ShouldBe([("ops", ApiScope.Admin), ("grafana", ApiScope.Read), ("manager", ApiScope.Planner)]);
    }

    [Fact]
    public void Parse_UnknownScope_PointsAtTheValue()
    {
        var error = SingleError("""
            server:
              api_tokens:
                - {env: T, scope: root}
            """ + "\n" + Minimal);

        error.ShouldBeAt(3, 23, "server.api_tokens[0].scope: 'root' is not one of 'planner', 'read', 'admin'");
    }

    [Fact]
    public void Parse_PressureOnlyPool_NoProviderDeclaredAndFlavorKeysRead()
    {
        var pool = Valid(PressureOnly).Engine.Pools.Single();

        pool.IsPressureOnly.ShouldBeTrue();
        pool.Provider.ShouldBe(PoolSpec.NoProvider);
        pool.Platform.ShouldBe("linux-arm64");
        pool.MinimumPressure.ShouldBe(2);
    }

    [Fact]
    public void Parse_PressureOnlyPoolWithAnImage_Refused() =>
        SingleError(PressureOnly + "\n    image: hangar/runner:1").ShouldBeAt(12, 5, "pressure-only pool");

    [Fact]
    public void Parse_ProviderNamedNone_Reserved() =>
        SingleError(Minimal.Replace("providers:\n  docker:\n    type: docker", "providers:\n  docker:\n    type: docker\n  none:\n    type: docker", StringComparison.Ordinal))
            .ShouldBeAt(7, 3, "'none' is reserved");

    [Fact]
    public void Parse_NegativeMinimumPressure_Refused() =>
        SingleError(WithPoolLine("minimum_pressure: -1")).ShouldBeAt(13, 23, "pools.small.minimum_pressure");

    [Fact]
    public void Parse_Defaults_NoFloorNoPlatformFifteenSecondHeartbeat()
    {
        var config = Valid(Minimal);

        config.Engine.Pools[0].MinimumPressure.ShouldBe(0);
        config.Engine.Pools[0].Platform.ShouldBeNull();
        config.Server.PressureHeartbeat.ShouldBe(TimeSpan.FromSeconds(15));
        Valid("server:\n  pressure_heartbeat: 5s\n" + Minimal).Server.PressureHeartbeat.ShouldBe(TimeSpan.FromSeconds(5));
    }
}
