using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hangar.Emulator.Tests.Support;

namespace Hangar.Emulator.Tests.Rest;

public sealed class JitConfigTests
{
    [Theory]
    [InlineData("repos/acme/app")]
    [InlineData("orgs/acme")]
    [InlineData("enterprises/megacorp")]
    public async Task GenerateJitConfig_ValidBody_Returns201WithGitHubRunnerShape(string scope)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Http.PostAsJsonAsync($"{scope}/actions/runners/generate-jitconfig",
            new { name = "hangar-1", runner_group_id = 1, labels = new[] { "linux", "x64" }, work_folder = "_work" }, TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        var runner = body["runner"]!;
        runner["id"]!.GetValue<long>().ShouldBePositive();
        runner["name"]!.GetValue<string>().ShouldBe("hangar-1");
        runner["os"]!.GetValue<string>().ShouldBe("unknown");
        runner["status"]!.GetValue<string>().ShouldBe("offline");
        runner["busy"]!.GetValue<bool>().ShouldBeFalse();
        var labels = runner["labels"]!.AsArray();
        labels.Select(l => (l!["name"]!.GetValue<string>(), l["type"]!.GetValue<string>()))
            .ShouldBe([("linux", "custom"), ("x64", "custom")]);
        labels.ShouldAllBe(l => l!["id"]!.GetValue<long>() > 0);
        body["encoded_jit_config"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task GenerateJitConfig_EncodedConfig_HasTheRealRunnerFileShape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var (id, jit) = await emulator.RegisterAsync("repos/acme/app", "hangar-2", ["linux"]);

        var files = JsonNode.Parse(Convert.FromBase64String(jit))!.AsObject();
        files.Select(f => f.Key).ShouldBe([".runner", ".credentials", ".credentials_rsaparams"], ignoreOrder: true);
        var runner = JsonNode.Parse(Convert.FromBase64String(files[".runner"]!.GetValue<string>()))!;
        runner["agentId"]!.GetValue<long>().ShouldBe(id);
        runner["agentName"]!.GetValue<string>().ShouldBe("hangar-2");
        runner["poolId"]!.GetValue<int>().ShouldBe(1);
        runner["serverUrl"]!.GetValue<string>().ShouldBe(emulator.Host.ApiUrl.ToString());
        runner["gitHubUrl"]!.GetValue<string>().ShouldEndWith("/acme/app");
        runner["workFolder"]!.GetValue<string>().ShouldBe("_work");
        var credentials = JsonNode.Parse(Convert.FromBase64String(files[".credentials"]!.GetValue<string>()))!;
        credentials["scheme"]!.GetValue<string>().ShouldBe("OAuth");
        credentials["data"]!["token"]!.GetValue<string>().Length.ShouldBeGreaterThanOrEqualTo(32);
        Encoding.UTF8.GetString(Convert.FromBase64String(files[".credentials_rsaparams"]!.GetValue<string>())).ShouldBe("{}");
    }

    [Fact]
    public async Task GenerateJitConfig_NameTakenInScope_Returns409AndOtherScopesStayFree()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.RegisterAsync("orgs/acme", "same", ["linux"]);

        var again = await emulator.Http.PostAsJsonAsync("orgs/acme/actions/runners/generate-jitconfig",
            new { name = "same", runner_group_id = 1, labels = new[] { "linux" } }, TestTimeouts.Token());

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.JsonAsync())["message"]!.GetValue<string>().ShouldContain("already exists");
        await emulator.RegisterAsync("orgs/other", "same", ["linux"]);
        await emulator.RegisterAsync("repos/acme/app", "same", ["linux"]);
    }

    [Fact]
    public async Task GenerateJitConfig_NameOfRemovedRunner_CanBeReused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (id, _) = await emulator.RegisterAsync("orgs/acme", "reuse", ["linux"]);
        (await emulator.Http.DeleteAsync($"orgs/acme/actions/runners/{id}", TestTimeouts.Token())).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var (second, _) = await emulator.RegisterAsync("orgs/acme", "reuse", ["linux"]);

        second.ShouldNotBe(id);
    }

    [Theory]
    [InlineData("""{"name":"r","labels":["linux"]}""", "runner_group_id")]
    [InlineData("""{"name":"r","runner_group_id":"1","labels":["linux"]}""", "runner_group_id")]
    [InlineData("""{"runner_group_id":1,"labels":["linux"]}""", "name")]
    [InlineData("""{"name":"","runner_group_id":1,"labels":["linux"]}""", "name")]
    [InlineData("""{"name":"r","runner_group_id":1}""", "labels")]
    [InlineData("""{"name":"r","runner_group_id":1,"labels":[]}""", "labels")]
    [InlineData("""{"name":"r","runner_group_id":1,"labels":[1]}""", "labels")]
    [InlineData("""{"name":"r","runner_group_id":1,"labels":["a"],"work_folder":5}""", "work_folder")]
    public async Task GenerateJitConfig_InvalidField_Returns422NamingIt(string json, string field)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Http.PostAsync("orgs/acme/actions/runners/generate-jitconfig",
            new StringContent(json, Encoding.UTF8, "application/json"), TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await response.JsonAsync();
        body["message"]!.GetValue<string>().ShouldContain(field);
        body["documentation_url"]!.GetValue<string>().ShouldStartWith("https://docs.github.com/");
        emulator.Host.State.Runners.ShouldBeEmpty();
    }

    [Fact]
    public async Task GenerateJitConfig_MoreThan100Labels_Returns422()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Http.PostAsJsonAsync("orgs/acme/actions/runners/generate-jitconfig",
            new { name = "r", runner_group_id = 1, labels = Enumerable.Range(0, 101).Select(i => $"l{i}").ToArray() }, TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task GenerateJitConfig_BrokenJson_Returns400()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var response = await emulator.Http.PostAsync("orgs/acme/actions/runners/generate-jitconfig",
            new StringContent("{not json", Encoding.UTF8, "application/json"), TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["message"]!.GetValue<string>().ShouldBe("Problems parsing JSON");
    }

    [Theory]
    [InlineData("repos/acme/app", 2)]
    [InlineData("orgs/acme", 99)]
    public async Task GenerateJitConfig_UnknownRunnerGroup_Returns404(string scope, long group)
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { RunnerGroups = ["gpu"] });

        var response = await emulator.Http.PostAsJsonAsync($"{scope}/actions/runners/generate-jitconfig",
            new { name = "r", runner_group_id = group, labels = new[] { "linux" } }, TestTimeouts.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GenerateJitConfig_ExtraGroupAtOrg_JoinsThatGroup()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o with { RunnerGroups = ["gpu"] });

        var (id, _) = await emulator.RegisterAsync("orgs/acme", "r", ["linux"], group: 2);

        emulator.Host.State.GetRunner(id)!.Group.Name.ShouldBe("gpu");
    }
}
