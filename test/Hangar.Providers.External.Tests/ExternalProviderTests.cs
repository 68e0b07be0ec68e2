using System.Diagnostics;
using SystemProcess = System.Diagnostics.Process;
using System.Text;
using Hangar.Core.Providers;
using Hangar.Testing;
using Hangar.Testing.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hangar.Providers.External.Tests;

/// <summary>
/// The GARM exec contract against a conformant provider executable (garm-docker-provider.mjs) that makes real Docker
/// containers: lifecycle by name, the bootstrap data each machine gets, and the contract's error cases.
/// </summary>
public sealed class ExternalProviderTests : IAsyncLifetime
{
    private const string Image = "hangar/emulated-runner:native";
    private const string Pool = "garm";

    private readonly string _controllerId = $"ctl-{Guid.NewGuid():N}"[..16];
    private readonly string _directory = Directory.CreateTempSubdirectory("hangar-external-").FullName;
    private readonly InstanceSecrets _secrets = new();

    private string ConfigFile => Path.Combine(_directory, "provider.json");

    private static string Executable => GarmDockerProvider.Executable;

    public async ValueTask InitializeAsync() => await File.WriteAllTextAsync(ConfigFile, "{}");

    public async ValueTask DisposeAsync()
    {
        var ids = (await DockerAsync("ps", "-aq", "--filter", $"label=garm-controller-id={_controllerId}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0)
        {
            await DockerAsync(["rm", "-f", .. ids]);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private ExternalProvider NewProvider(string version = ExternalProviderOptions.V011, TimeSpan? timeout = null) => new(
        new ExternalProviderOptions
        {
            Name = "garm-docker",
            ControllerId = _controllerId,
            Executable = Executable,
            ConfigFile = ConfigFile,
            Environment = GarmDockerProvider.Environment,
            InterfaceVersion = version,
            ExecTimeout = timeout ?? TimeSpan.FromMinutes(1),
            CallbackBaseUrl = new Uri("http://127.0.0.1:9/"),
            Flavor = "small",
        },
        [Pool, "other"],
        _secrets,
        NullLogger<ExternalProvider>.Instance,
        TimeProvider.System);

    private static RunnerSpec Spec(string? name = null) => new()
    {
        Name = name ?? $"hgr-{Pool}-{Guid.NewGuid():N}"[..20],
        Pool = Pool,
        Labels = ["linux"],
        Image = Image,
        SecretEnv = new Dictionary<string, string> { ["ACTIONS_RUNNER_INPUT_JITCONFIG"] = "jit-secret" },
        InstanceToken = "hgi_token.secret",
    };

    private Task FaultAsync(string json) => File.WriteAllTextAsync(ConfigFile, json);

    private static async Task<string> DockerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = SystemProcess.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return output;
    }

    private async Task<IReadOnlyList<string>> ContainersAsync() =>
        (await DockerAsync("ps", "-a", "--format", "{{.Names}}", "--filter", $"label=garm-controller-id={_controllerId}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_MakesTaggedContainer_ListedGotAndDeletedByName()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = NewProvider();
        var spec = Spec();

        var created = await provider.CreateAsync(spec, ct);
        var again = await provider.CreateAsync(spec, ct);

        created.Name.ShouldBe(spec.Name);
        created.Pool.ShouldBe(Pool);
        again.ProviderId.ShouldBe(created.ProviderId);
        (await ContainersAsync()).ShouldBe([spec.Name]);
        (await provider.GetAsync(spec.Name, ct)).ShouldNotBeNull().ProviderId.ShouldBe(created.ProviderId);
        (await provider.ListAsync(Pool, ct)).Select(i => i.Name).ShouldBe([spec.Name]);
        (await provider.ListAsync("other", ct)).ShouldBeEmpty();
        _secrets.Get(spec.Name).ShouldNotBeNull()["ACTIONS_RUNNER_INPUT_JITCONFIG"].ShouldBe("jit-secret");

        await provider.DeleteAsync(spec.Name, ct);
        await provider.DeleteAsync(spec.Name, ct);

        (await ContainersAsync()).ShouldBeEmpty();
        (await provider.GetAsync(spec.Name, ct)).ShouldBeNull();
        _secrets.Get(spec.Name).ShouldBeNull();
    }

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_BootstrapCarriesPerInstanceUrlsTokenAndInstallTemplate()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = Spec();

        await NewProvider().CreateAsync(spec, ct);

        var env = await DockerAsync("inspect", "--format", "{{json .Config.Env}}", spec.Name);
        env.ShouldContain($"METADATA_URL=http://127.0.0.1:9/api/v1/instances/{spec.Name}/metadata");
        env.ShouldContain($"CALLBACK_URL=http://127.0.0.1:9/api/v1/instances/{spec.Name}/callbacks");
        env.ShouldContain("HANGAR_TOKEN=hgi_token.secret");
        env.ShouldNotContain("jit-secret");
        (await DockerAsync("inspect", "--format", "{{index .Config.Labels \"garm-flavor\"}} {{index .Config.Labels \"garm-os\"}}", spec.Name)).Trim()
            .ShouldBe("small linux/amd64");
        var template = Encoding.UTF8.GetString(Convert.FromBase64String(InstallTemplate.Base64));
        template.ShouldContain("{{ .MetadataURL }}/install-script/");
        template.ShouldContain("{{ .CallbackToken }}");
    }

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_PoolInstanceTypeAndImage_ReachTheGarmProviderAsFlavorAndImage()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = Spec() with { InstanceType = "t3.large" };

        await NewProvider().CreateAsync(spec, ct);

        (await DockerAsync("inspect", "--format", "{{index .Config.Labels \"garm-flavor\"}} {{.Config.Image}}", spec.Name)).Trim()
            .ShouldBe($"t3.large {Image}");
    }

    [Fact(Timeout = 120_000)]
    public async Task Containers_OfAnotherController_NeverListed()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = Spec();
        await NewProvider().CreateAsync(spec, ct);

        var stranger = new ExternalProviderTests();
        await stranger.InitializeAsync();
        try
        {
            (await stranger.NewProvider().ListAsync(cancellationToken: ct)).ShouldBeEmpty();
            (await stranger.NewProvider().GetAsync(spec.Name, ct)).ShouldBeNull();
        }
        finally
        {
            await stranger.DisposeAsync();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_NonZeroExit_ThrowsWithStderr()
    {
        var ct = TestContext.Current.CancellationToken;
        await FaultAsync("""{"fail": "CreateInstance"}""");

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider().CreateAsync(Spec(), ct));

        error.Message.ShouldContain("exited with 1");
        error.Message.ShouldContain("injected failure for CreateInstance");
        (await ContainersAsync()).ShouldBeEmpty();
    }

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_BadJsonOnStdout_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        await FaultAsync("""{"bad_json": "CreateInstance"}""");

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider().CreateAsync(Spec(), ct));

        error.Message.ShouldContain("no valid instance JSON");
    }

    [Fact(Timeout = 120_000)]
    public async Task ListAsync_BadJsonOnStdout_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        await FaultAsync("""{"bad_json": "ListInstances"}""");

        await Should.ThrowAsync<ExternalProviderException>(() => NewProvider().ListAsync(Pool, ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_PastTheTimeout_KilledAndThrows()
    {
        var ct = TestContext.Current.CancellationToken;
        await FaultAsync("""{"hang": "ListInstances"}""");

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider(timeout: TimeSpan.FromSeconds(2)).CreateAsync(Spec(), ct));

        error.Message.ShouldContain("was killed");
    }

    [Fact(Timeout = 120_000)]
    public async Task AnyCommand_UnknownInterfaceVersion_Throws()
    {
        var ct = TestContext.Current.CancellationToken;

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider(version: "v9.9.9").ListAsync(Pool, ct));

        error.Message.ShouldContain("unsupported interface version v9.9.9");
    }

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_StatusError_DeletesWhatWasMadeAndThrowsTheFault()
    {
        var ct = TestContext.Current.CancellationToken;
        await FaultAsync("""{"status": "error"}""");

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider().CreateAsync(Spec(), ct));

        error.Message.ShouldContain("quota exceeded");
        (await ContainersAsync()).ShouldBeEmpty();
    }

    [Fact(Timeout = 120_000)]
    public async Task CreateAsync_AnotherNameReturned_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        await FaultAsync("""{"wrong_name": true}""");

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider().CreateAsync(Spec(), ct));

        error.Message.ShouldContain("returned an instance named");
    }

    [Theory(Timeout = 120_000)]
    [InlineData(ExternalProviderOptions.V010)]
    [InlineData(ExternalProviderOptions.V011)]
    public async Task DeleteAsync_Absent_NoOpUnderEitherVersion(string version)
    {
        var ct = TestContext.Current.CancellationToken;

        await NewProvider(version).DeleteAsync($"hgr-{Pool}-absent", ct);

        (await ContainersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ContractBreaches_Refused()
    {
        GarmInstance Valid() => new() { ProviderId = "p", Name = "n", Status = "running" };

        GarmOutput.Validate("x", "c", Valid()).Name.ShouldBe("n");
        Should.Throw<ExternalProviderException>(() => GarmOutput.Validate("x", "c", Valid() with { ProviderId = "" }));
        Should.Throw<ExternalProviderException>(() => GarmOutput.Validate("x", "c", Valid() with { Name = null }));
        Should.Throw<ExternalProviderException>(() => GarmOutput.Validate("x", "c", Valid() with { Status = "pending" }));
        Should.Throw<ExternalProviderException>(() => GarmOutput.Validate("x", "c", Valid() with { ProviderFault = "not base64!" }));
        GarmOutput.Fault("x", "c", Valid() with { ProviderFault = Convert.ToBase64String("boom"u8) }).ShouldBe("boom");
    }
}
