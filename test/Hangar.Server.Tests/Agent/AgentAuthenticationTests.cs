using System.Diagnostics;
using Hangar.Core.Instances;
using Hangar.Engine;
using Hangar.Server.Agent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hangar.Server.Tests.Agent;

/// <summary>The real agent process against the real endpoint: only its own, valid instance token gets it in.</summary>
public sealed class AgentAuthenticationTests
{
    [Fact]
    public async Task Agent_WithABadToken_IsRefused()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var host = await ExecFixture.StartAsync(cts.Token);

        var (code, stderr) = await RunAgentAsync(host, "hgi_nobody.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "nobody", cts.Token);

        code.ShouldBe(77, stderr);
        stderr.ShouldContain("refused");
    }

    [Fact]
    public async Task Agent_PresentingAnotherInstancesToken_IsRefused_WhileItsOwnTokenConnects()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var host = await ExecFixture.StartAsync(cts.Token);
        var tokens = host.App.Services.GetRequiredService<InstanceTokens>();
        await InsertAsync(host, "agent-a", cts.Token);
        await InsertAsync(host, "agent-b", cts.Token);
        var tokenOfB = await tokens.IssueAsync("agent-b", TimeSpan.FromMinutes(5), cts.Token);
        var tokenOfA = await tokens.IssueAsync("agent-a", TimeSpan.FromMinutes(5), cts.Token);

        var (code, stderr) = await RunAgentAsync(host, tokenOfB, "agent-a", cts.Token);
        code.ShouldBe(77, stderr);
        stderr.ShouldContain("its own instance only");

        using var agent = StartAgent(host, tokenOfA, "agent-a");
        try
        {
            var connection = await host.App.Services.GetRequiredService<AgentConnections>().WaitForAsync("agent-a", cts.Token);
            connection.Instance.ShouldBe("agent-a");
        }
        finally
        {
            agent.Kill();
            await agent.WaitForExitAsync(cts.Token);
        }
    }

    private static async Task InsertAsync(ExecFixture host, string name, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await host.Store.InsertInstanceAsync(new Instance
        {
            Name = name, Pool = "proc", Provider = "local", State = InstanceState.Pending, CreatedAt = now, StateChangedAt = now,
        }, "test", ct);
    }

    private static Process StartAgent(ExecFixture host, string token, string instance)
    {
        var info = new ProcessStartInfo(AgentBinary.Path) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment["HANGAR_AGENT_ADDRESS"] = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        info.Environment["HANGAR_INSTANCE_TOKEN"] = token;
        info.Environment[ExecRunner.InstanceNameVariable] = instance;
        return Process.Start(info)!;
    }

    private static async Task<(int Code, string Stderr)> RunAgentAsync(ExecFixture host, string token, string instance, CancellationToken ct)
    {
        using var agent = StartAgent(host, token, instance);
        var stderr = await agent.StandardError.ReadToEndAsync(ct);
        await agent.WaitForExitAsync(ct);
        return (agent.ExitCode, stderr);
    }
}
