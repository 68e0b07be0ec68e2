using Hangar.Core.Pools;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

/// <summary><c>server.agent</c>, <c>pools.X.agent</c> and exec-only pools (<c>exec_only: true</c>, no forge).</summary>
public sealed class AgentConfigTests
{
    private const string WithEndpoint = """
        server:
          agent:
            listen: http://127.0.0.1:8081
        forges:
          github:
            token: {env: GH_TOKEN}
        providers:
          docker:
            type: docker
        pools:
          small:
            forge: github
            repository: acme/app
            provider: docker
            image: hangar/runner:1
        """;

    private const string ExecOnly = """
        providers:
          docker:
            type: docker
        pools:
          box:
            exec_only: true
            provider: docker
            image: hangar/emulated-runner:native
            agent: /opt/runner/hangar-agent
        """;

    [Fact]
    public void Parse_NoAgentSection_NoEndpointAndPoolsWithoutAgent()
    {
        var config = Valid(Minimal);

        config.Server.Agent.ShouldBeNull();
        var pool = config.Engine.Pools.ShouldHaveSingleItem();
        (pool.Agent, pool.ExecOnly).ShouldBe((null, false));
    }

    [Fact]
    public void Parse_AgentEndpointAndRunnerPoolWithAgent_Kept()
    {
        var config = Valid(WithEndpoint.Replace("  agent:\n    listen: http://127.0.0.1:8081", "  agent:\n    listen: http://127.0.0.1:8081\n    address: http://172.17.0.1:8081\n    boot_log_lines: 50", StringComparison.Ordinal)
            + "\n    agent: /opt/runner/hangar-agent\n    command: [/opt/runner/run.sh]");

        var agent = config.Server.Agent.ShouldNotBeNull();
        (agent.Listen, agent.Address, agent.BootLogLines).ShouldBe((new Uri("http://127.0.0.1:8081"), new Uri("http://172.17.0.1:8081"), 50));
        var pool = config.Engine.Pools.ShouldHaveSingleItem();
        pool.Agent.ShouldBe("/opt/runner/hangar-agent");
        AgentLaunch.Command(pool).ShouldBe(["/opt/runner/hangar-agent", "--", "/opt/runner/run.sh"]);
    }

    [Fact]
    public void Parse_AgentWithoutListen_Error() =>
        SingleError("server:\n  agent:\n    address: http://10.0.0.1:8081\n" + Minimal).Message.ShouldBe("server.agent: listen is required (e.g. http://127.0.0.1:8081)");

    [Fact]
    public void Parse_RunnerPoolAgentWithoutCommand_ErrorNamesCommand() =>
        SingleError(WithEndpoint + "\n    agent: /opt/runner/hangar-agent").Message
            .ShouldBe("pools.small.agent: a runner pool's agent starts the runner: set pools.small.command to the runner's command");

    [Fact]
    public void Parse_RunnerPoolAgentWithoutEndpoint_ErrorNamesServerAgent() =>
        SingleError(Minimal + "\n    agent: /opt/runner/hangar-agent\n    command: [/opt/runner/run.sh]").Message
            .ShouldBe("pools.small.agent: the agent dials Hangar's agent endpoint: set server.agent.listen (docs/configuration.md)");

    [Fact]
    public void Parse_RelativeAgentPath_Error() =>
        SingleError(WithEndpoint + "\n    agent: hangar-agent\n    command: [/opt/runner/run.sh]").Message
            .ShouldStartWith("pools.small.agent: expected an absolute path");

    [Fact]
    public void Parse_ExecOnlyPoolWithoutForge_ValidAndRunsTheAgentAlone()
    {
        var pool = Valid(ExecOnly).Engine.Pools.ShouldHaveSingleItem();

        (pool.ExecOnly, pool.Forge, pool.Agent).ShouldBe((true, "", "/opt/runner/hangar-agent"));
        AgentLaunch.Command(pool).ShouldBe(["/opt/runner/hangar-agent"]);
    }

    [Fact]
    public void Parse_ExecOnlyPoolWithAForge_Refused() =>
        SingleError("forges:\n  github:\n    token: {env: GH_TOKEN}\n" + ExecOnly + "\n    forge: github").Message
            .ShouldBe("pools.box.forge: an exec-only pool makes no runners (hangar exec needs no forge)");

    [Fact]
    public void Parse_PoolWithoutForgeNotExecOnly_StillAnError()
    {
        var result = Parse(ExecOnly.Replace("    exec_only: true\n", "", StringComparison.Ordinal));

        result.IsValid.ShouldBeFalse();
        result.Errors.Select(e => e.Message).ShouldContain("missing required key 'forge' in pools.box");
    }
}
