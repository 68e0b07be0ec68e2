using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangar.Core.Instances;
using Hangar.Core.Providers;
using Hangar.Engine;
using Hangar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Instances;

/// <summary>The metadata and callback endpoints over real HTTP: token scope, revocation, the credential's lifetime, status moves.</summary>
public sealed class InstanceEndpointTests : IAsyncLifetime
{
    // A GitHub-shaped JIT config: base64 of {".runner": base64(...), ".credentials": base64(...), ".credentials_rsaparams": base64("{}")}.
    private static readonly string Jit = B64("{\".runner\":\"" + B64("{\"agentName\":\"r\"}") + "\",\".credentials\":\"" + B64("{\"scheme\":\"OAuth\"}") + "\",\".credentials_rsaparams\":\"" + B64("{}") + "\"}");

    private ServerFixture _server = null!;

    private InstanceTokens Tokens => _server.App.Services.GetRequiredService<InstanceTokens>();

    private InstanceSecrets Secrets => _server.App.Services.GetRequiredService<InstanceSecrets>();

    private readonly RecordingLoggerProvider _logs = new();

    public async ValueTask InitializeAsync() =>
        _server = await ServerFixture.StartAsync(configureServices: s => s.AddLogging(b => b.AddProvider(_logs)), engineAtRest: true);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private async Task<string> BootingInstanceAsync(string name, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await _server.Store.InsertInstanceAsync(new Instance
        {
            Name = name, Pool = "linux", Provider = "ext", State = InstanceState.Pending, CreatedAt = now, StateChangedAt = now,
        }, "wanted", ct);
        await _server.Store.TransitionAsync(name, InstanceState.Provisioning, "provisioning", now, cancellationToken: ct);
        var token = await Tokens.IssueAsync(name, TimeSpan.FromHours(1), ct);
        Secrets.Hold(name, new Dictionary<string, string> { ["ACTIONS_RUNNER_INPUT_JITCONFIG"] = Jit });
        await _server.Store.TransitionAsync(name, InstanceState.Booting, "created at provider", now, cancellationToken: ct);
        return token;
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? token, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _server.Http.SendAsync(request, ct);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string token, string json, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _server.Http.SendAsync(request, ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task Credential_OwnToken_ServedWithAndWithoutSlash()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);

        var env = await GetAsync("/api/v1/instances/r1/metadata/credentials/env/ACTIONS_RUNNER_INPUT_JITCONFIG", token, ct);
        var runner = await GetAsync("/api/v1/instances/r1/metadata/credentials/runner/", token, ct);

        env.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await env.Content.ReadAsStringAsync(ct)).ShouldBe(Jit);
        runner.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await runner.Content.ReadAsStringAsync(ct)).ShouldBe("{\"agentName\":\"r\"}");
    }

    [Fact(Timeout = 60_000)]
    public async Task Metadata_AnotherInstancesToken_Forbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        await BootingInstanceAsync("r1", ct);
        var other = await BootingInstanceAsync("r2", ct);

        var credential = await GetAsync("/api/v1/instances/r1/metadata/credentials/env/ACTIONS_RUNNER_INPUT_JITCONFIG", other, ct);
        var status = await PostAsync("/api/v1/instances/r1/callbacks/status", other, "{\"status\":\"failed\",\"message\":\"x\"}", ct);

        credential.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        status.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _server.Store.GetInstanceAsync("r1", ct))!.State.ShouldBe(InstanceState.Booting);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(null)]
    [InlineData("hgi_r1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("api-token-for-tests")]
    public async Task Metadata_NoOrWrongToken_Unauthorized(string? token)
    {
        var ct = TestContext.Current.CancellationToken;
        await BootingInstanceAsync("r1", ct);

        var response = await GetAsync("/api/v1/instances/r1/metadata/runner-metadata", token, ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, string.Join("\n", _logs.Entries.Select(e => e.ToString())));
    }

    [Fact(Timeout = 60_000)]
    public async Task Metadata_AfterInstanceDeleted_Unauthorized()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);
        (await GetAsync("/api/v1/instances/r1/metadata/runner-metadata", token, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var now = DateTimeOffset.UtcNow;
        await _server.Store.TransitionAsync("r1", InstanceState.Failed, "test", now, cancellationToken: ct);
        await _server.Store.TransitionAsync("r1", InstanceState.Deleting, "test", now, cancellationToken: ct);
        await _server.Store.TransitionAsync("r1", InstanceState.Deleted, "test", now, cancellationToken: ct);

        (await GetAsync("/api/v1/instances/r1/metadata/runner-metadata", token, ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact(Timeout = 60_000)]
    public async Task StatusIdle_MovesToIdleKeepsMessageAndStopsServingTheCredential()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);

        (await PostAsync("/api/v1/instances/r1/callbacks/status/", token, "{\"status\":\"installing\",\"message\":\"downloading\"}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync("/api/v1/instances/r1/callbacks/status", token, "{\"status\":\"idle\",\"message\":\"runner started\",\"agent_id\":42}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync("/api/v1/instances/r1/callbacks/system-info/", token, "{\"os_name\":\"alpine\",\"os_version\":\"3.20\",\"agent_id\":42}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var instance = (await _server.Store.GetInstanceAsync("r1", ct)).ShouldNotBeNull();
        instance.State.ShouldBe(InstanceState.Idle);
        instance.ForgeRunnerId.ShouldBe(42);
        var reasons = (await _server.Store.GetHistoryAsync("r1", 10, ct)).Select(t => t.Reason).ToList();
        reasons.ShouldContain("instance reported installing: downloading");
        reasons.ShouldContain("instance reported idle: runner started");
        reasons.ShouldContain(r => r.Contains("alpine 3.20", StringComparison.Ordinal));
        (await GetAsync("/api/v1/instances/r1/metadata/credentials/runner", token, ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Secrets.Get("r1").ShouldBeNull();
    }

    [Fact(Timeout = 60_000)]
    public async Task StatusFailed_MovesToFailedWithTheMessageAsError()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);

        (await PostAsync("/api/v1/instances/r1/callbacks/status", token, "{\"status\":\"failed\",\"message\":\"no disk\"}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var instance = (await _server.Store.GetInstanceAsync("r1", ct)).ShouldNotBeNull();
        instance.State.ShouldBe(InstanceState.Failed);
        instance.LastError.ShouldBe("bootstrap failed: no disk");
        (await _server.Store.GetHistoryAsync("r1", 1, ct)).Single().Reason.ShouldBe("instance reported failed: no disk");
    }

    [Fact(Timeout = 60_000)]
    public async Task Status_Unknown_BadRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);

        var response = await PostAsync("/api/v1/instances/r1/callbacks/status", token, "{\"status\":\"running\"}", ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact(Timeout = 60_000)]
    public async Task InstallScript_IsValidShWithTheTokenAndBase()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);

        var response = await GetAsync("/api/v1/instances/r1/metadata/install-script/", token, ct);
        var script = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.ShouldStartWith("#!/bin/sh");
        script.ShouldContain($"hangar_token='{token}'");
        script.ShouldContain($"hangar_base='{_server.BaseUrl.ToString().TrimEnd('/')}/api/v1/instances/r1'");
        script.ShouldContain("metadata/credentials/env/ACTIONS_RUNNER_INPUT_JITCONFIG");
        await ShellCheck.SyntaxAsync(script, ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task Credential_StoppedBeingStarted_ServedWhileHeld()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        await _server.Store.InsertInstanceAsync(new Instance
        {
            Name = "r1", Pool = "linux", Provider = "ext", State = InstanceState.Pending, CreatedAt = now, StateChangedAt = now, StoppedTier = true,
        }, "wanted", ct);
        await _server.Store.TransitionAsync("r1", InstanceState.Provisioning, "provisioning", now, cancellationToken: ct);
        await _server.Store.TransitionAsync("r1", InstanceState.Stopped, "prepared at provider, kept stopped", now, cancellationToken: ct);
        var token = await Tokens.IssueAsync("r1", TimeSpan.FromHours(1), ct);

        // Prepared: nothing held yet, so nothing served.
        (await GetAsync("/api/v1/instances/r1/metadata/credentials/runner", token, ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The start holds the credential before the machine boots; the engine moves the row to booting only afterwards.
        Secrets.Hold("r1", new Dictionary<string, string> { ["ACTIONS_RUNNER_INPUT_JITCONFIG"] = Jit });
        var runner = await GetAsync("/api/v1/instances/r1/metadata/credentials/runner", token, ct);

        runner.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await runner.Content.ReadAsStringAsync(ct)).ShouldBe("{\"agentName\":\"r\"}");
    }

    [Fact(Timeout = 60_000)]
    public async Task Credential_IdleStartedAgainWithNewSecrets_ServedUntilItReportsAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);
        (await PostAsync("/api/v1/instances/r1/callbacks/status", token, "{\"status\":\"idle\",\"message\":\"up\"}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Secrets.Hold("r1", new Dictionary<string, string> { ["TOKEN"] = "second" });
        var second = await GetAsync("/api/v1/instances/r1/metadata/credentials/env/TOKEN", token, ct);
        (await PostAsync("/api/v1/instances/r1/callbacks/status", token, "{\"status\":\"idle\",\"message\":\"up again\"}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await second.Content.ReadAsStringAsync(ct)).ShouldBe("second");
        (await GetAsync("/api/v1/instances/r1/metadata/credentials/env/TOKEN", token, ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact(Timeout = 60_000)]
    public async Task InstallScript_HeldLaunch_RunsItsCommandWithItsEnvironmentAndFetchesEachSecret()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);
        Secrets.HoldLaunch("r1", new InstanceLaunch(["/opt/agent", "--", "run it"], new Dictionary<string, string> { ["MODE"] = "it's plain" }, CredentialDelivery.File));

        var script = await (await GetAsync("/api/v1/instances/r1/metadata/install-script", token, ct)).Content.ReadAsStringAsync(ct);

        script.ShouldContain("export MODE='it'\\''s plain'");
        script.ShouldContain("'metadata/credentials/env/ACTIONS_RUNNER_INPUT_JITCONFIG' > \"$hangar_credentials\"/'ACTIONS_RUNNER_INPUT_JITCONFIG'");
        script.ShouldContain("unset ACTIONS_RUNNER_INPUT_JITCONFIG");
        script.ShouldContain("export HANGAR_CREDENTIALS_DIRECTORY=\"$hangar_credentials\"");
        script.ShouldContain("exec '/opt/agent' '--' 'run it'");
        script.ShouldNotContain("export HANGAR_INSTANCE_TOKEN");
        await ShellCheck.SyntaxAsync(script, ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task InstallScript_ParkedLaunch_ReportsAndRunsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await BootingInstanceAsync("r1", ct);
        Secrets.HoldLaunch("r1", new InstanceLaunch(["/opt/agent"], new Dictionary<string, string>(), CredentialDelivery.File) { Parked = true });

        var script = await (await GetAsync("/api/v1/instances/r1/metadata/install-script", token, ct)).Content.ReadAsStringAsync(ct);

        script.ShouldContain("prepared: waiting to be started");
        script.ShouldContain("/var/lib/cloud/scripts/per-boot/");
        script.ShouldNotContain("/opt/agent");
        script.ShouldNotContain("credentials/env");
        await ShellCheck.SyntaxAsync(script, ct);
    }
}
