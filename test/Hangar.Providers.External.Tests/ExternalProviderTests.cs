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
        await DockerCli.RemoveAllAsync(_controllerId);
        Directory.Delete(_directory, recursive: true);
    }

    private ExternalProvider NewProvider(string version = ExternalProviderOptions.V011, TimeSpan? timeout = null, InstanceSecrets? secrets = null) => new(
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
        secrets ?? _secrets,
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

    private static Task<string> DockerAsync(params string[] args) => DockerCli.TextAsync(args);

    private Task<IReadOnlyList<string>> ContainersAsync() => DockerCli.ContainersAsync(_controllerId);

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

        // The provider rendered Hangar's install template (a Go template) with the bootstrap's metadata URL and token
        // into the machine's boot script; the credential itself is nowhere on the machine.
        var boot = await DockerAsync("inspect", "--format", "{{json .Args}} {{json .Config.Env}}", spec.Name);
        boot.ShouldContain($"http://127.0.0.1:9/api/v1/instances/{spec.Name}/metadata/install-script/");
        boot.ShouldContain("Bearer hgi_token.secret");
        boot.ShouldNotContain("{{");
        boot.ShouldNotContain("jit-secret");
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

    [Fact(Timeout = 120_000)]
    public async Task Status_StoppedMachine_CreatedWhenPreparedExitedWhenRanUnknownAfterARestart()
    {
        var ct = TestContext.Current.CancellationToken;
        var provider = NewProvider();
        var prepared = Spec() with { CredentialDelivery = CredentialDelivery.File, SecretEnv = new Dictionary<string, string>() };
        var ran = Spec();
        await provider.PrepareAsync(prepared, ct);
        await provider.CreateAsync(ran, ct);
        await provider.StopAsync(ran.Name, ct);

        (await provider.GetAsync(prepared.Name, ct)).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Created);
        (await provider.GetAsync(ran.Name, ct)).ShouldNotBeNull().Status.ShouldBe(ProviderInstanceStatus.Exited);

        // A restarted Hangar holds nothing: GARM's "stopped" cannot say whether the machine ever ran.
        var restarted = NewProvider(secrets: new InstanceSecrets());
        (await restarted.ListAsync(Pool, ct)).Select(i => i.Status).ShouldBe([ProviderInstanceStatus.Unknown, ProviderInstanceStatus.Unknown]);
    }

    [Fact(Timeout = 120_000)]
    public async Task PrepareAsync_NoInstanceToken_ThrowsAndMakesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var spec = Spec() with { InstanceToken = null, SecretEnv = new Dictionary<string, string>(), CredentialDelivery = CredentialDelivery.File };

        var error = await Should.ThrowAsync<ExternalProviderException>(() => NewProvider().PrepareAsync(spec, ct));

        error.Message.ShouldContain("has no instance token");
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
