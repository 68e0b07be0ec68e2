using Hangar.Core.Pools;
using Hangar.Engine;
using Hangar.Forges.GitHub;
using Hangar.Providers.Docker;
using Hangar.Providers.Process;
using Hangar.Store.Sqlite;
using static Hangar.Configuration.Tests.ConfigYaml;

namespace Hangar.Configuration.Tests;

public class ConfigLoaderTests
{
    private const string Full = """
        server:
          listen: http://0.0.0.0:9090
          data_dir: ./state
          controller_id: prod-eu-1
          api_tokens:
            - name: ops
              file: /etc/hangar/api-token
            - env: HANGAR_API_TOKEN
          webhook_max_body_bytes: 2048
          converge_interval: 500ms
          observe_interval: 1h30m
          delivery_retention: 2d
          replica: eu-1
          leases:
            duration: 15s
            renew_every: 5s
        store:
          type: postgres
          connection_string: {name: pg, env: HANGAR_PG}
        forges:
          github:
            type: github
            api_url: https://ghe.example.test/api/v3
            token: {file: secrets/gh-pat}
            webhook_secret: {env: GH_WEBHOOK_SECRET, file: /run/secrets/hook}
        providers:
          docker:
            type: docker
            endpoint: unix:///var/run/docker.sock
            max_concurrency: 4
          local:
            type: process
            work_dir: ./work
        pools:
          linux-small:
            forge: github
            repository: acme/app
            labels: [linux, small]
            provider: docker
            image: hangar/runner:1
            command: [/runner/run.sh, --once]
            env: {RUNNER_ALLOW_RUNASROOT: "1", DEBUG: 0}
            mounts:
              - {source: /cache, target: /cache}
              - {source: ./tools, target: /opt/tools, read_only: false}
            network_mode: host
            cpus: 1.5
            memory_mb: 2048
            min_idle: 1
            max_runners: 3
            priority: -5
            boot_timeout: 5m
            ttl: 6h
            idle_grace: 0
            runner_group: Default
            enabled: false
          org-wide:
            forge: github
            organization: acme
            provider: local
            command: [./run.sh]
            replica: eu-1
          everywhere:
            forge: github
            enterprise: acme-corp
            provider: local
            command: [./run.sh]
            replica: eu-1
        """;

    [Fact]
    public void Parse_FullExample_MapsServerEngineAndStore()
    {
        var config = Valid(Full);

        config.SourcePath.ShouldBe(FilePath);
        config.Server.ShouldBe(new ServerConfig
        {
            Listen = "http://0.0.0.0:9090",
            DataDir = "/etc/hangar/state",
            ApiTokens = config.Server.ApiTokens,
            WebhookMaxBodyBytes = 2048,
        });
        config.Engine.ShouldBe(new EngineOptions
        {
            ControllerId = "prod-eu-1",
            ConvergeInterval = TimeSpan.FromMilliseconds(500),
            ObserveInterval = TimeSpan.FromMinutes(90),
            DeliveryRetention = TimeSpan.FromDays(2),
            Leases = new LeaseOptions { Replica = "eu-1", Duration = TimeSpan.FromSeconds(15), RenewEvery = TimeSpan.FromSeconds(5) },
            Pools = config.Engine.Pools,
            ProviderConcurrency = config.Engine.ProviderConcurrency,
        });
        config.Server.ApiTokens.ShouldBe([new SecretRef("ops", File: "/etc/hangar/api-token"), new SecretRef("api-token-2", Env: "HANGAR_API_TOKEN")]);
        config.Store.ShouldBe(new StoreConfig { Type = "postgres", ConnectionString = new SecretRef("pg", Env: "HANGAR_PG") });
    }

    [Fact]
    public void Parse_FullExample_MapsForgesAndProviders()
    {
        var config = Valid(Full);

        config.Forges.Keys.ShouldBe(["github"]);
        config.Forges["github"].ShouldBe(new ForgeConfig
        {
            GitHub = new GitHubForgeOptions { Name = "github", ApiUrl = "https://ghe.example.test/api/v3" },
            Token = new SecretRef("github-token", File: "/etc/hangar/secrets/gh-pat"),
            WebhookSecret = new SecretRef("github-webhook-secret", Env: "GH_WEBHOOK_SECRET", File: "/run/secrets/hook"),
        });
        config.Forges["github"].Type.ShouldBe("github");
        config.Providers["docker"].ShouldBe(new ProviderConfig { Docker = new DockerProviderOptions { Name = "docker", Endpoint = "unix:///var/run/docker.sock" } });
        config.Providers["local"].ShouldBe(new ProviderConfig { Process = new ProcessProviderOptions { Name = "local", WorkDir = "/etc/hangar/work" } });
        config.Providers.Values.Select(p => (p.Name, p.Type)).ShouldBe([("docker", "docker"), ("local", "process")]);
        config.Engine.ProviderConcurrency.ShouldBe(new Dictionary<string, int> { ["docker"] = 4 });
    }

    [Fact]
    public void Parse_FullExample_MapsEveryPoolField()
    {
        var pool = Valid(Full).Engine.Pools[0];

        pool.Name.ShouldBe("linux-small");
        pool.Forge.ShouldBe("github");
        pool.Target.ShouldBe(ForgeTarget.Repository("acme/app"));
        pool.Labels.ShouldBe(["linux", "small"]);
        pool.Provider.ShouldBe("docker");
        pool.Image.ShouldBe("hangar/runner:1");
        pool.Command.ShouldBe(["/runner/run.sh", "--once"]);
        pool.Env.ShouldBe(new Dictionary<string, string> { ["RUNNER_ALLOW_RUNASROOT"] = "1", ["DEBUG"] = "0" });
        pool.Mounts.ShouldBe([new MountSpec("/cache", "/cache", ReadOnly: true), new MountSpec("/etc/hangar/tools", "/opt/tools", ReadOnly: false)]);
        pool.NetworkMode.ShouldBe("host");
        pool.Cpus.ShouldBe(1.5);
        pool.MemoryMb.ShouldBe(2048);
        pool.MinIdle.ShouldBe(1);
        pool.MaxRunners.ShouldBe(3);
        pool.Priority.ShouldBe(-5);
        pool.BootTimeout.ShouldBe(TimeSpan.FromMinutes(5));
        pool.Ttl.ShouldBe(TimeSpan.FromHours(6));
        pool.IdleGrace.ShouldBe(TimeSpan.Zero);
        pool.RunnerGroup.ShouldBe("Default");
        pool.Enabled.ShouldBeFalse();
    }

    [Fact]
    public void Parse_FullExample_KeepsPoolOrderAndTargets()
    {
        var pools = Valid(Full).Engine.Pools;

        pools.Select(p => p.Name).ShouldBe(["linux-small", "org-wide", "everywhere"]);
        pools[1].Target.ShouldBe(ForgeTarget.Organization("acme"));
        pools[2].Target.ShouldBe(ForgeTarget.Enterprise("acme-corp"));
        pools.Select(p => p.Replica).ShouldBe([null, "eu-1", "eu-1"]);
    }

    [Fact]
    public void Parse_MinimalConfig_AppliesModelDefaults()
    {
        var config = Valid(Minimal);

        config.Server.ShouldBe(new ServerConfig { DataDir = "/etc/hangar/data" });
        config.Engine.ShouldBe(new EngineOptions { Pools = config.Engine.Pools, ProviderConcurrency = config.Engine.ProviderConcurrency });
        config.Engine.ProviderConcurrency.ShouldBeEmpty();
        config.Store.ShouldBe(new StoreConfig { Type = "sqlite", Sqlite = new SqliteStoreOptions { Path = "/etc/hangar/data/hangar.db" } });
        config.Forges["github"].ShouldBe(new ForgeConfig { GitHub = new GitHubForgeOptions { Name = "github" }, Token = new SecretRef("github-token", Env: "GH_TOKEN") });
        config.Providers["docker"].ShouldBe(new ProviderConfig { Docker = new DockerProviderOptions { Name = "docker" } });
        var expected = new PoolSpec
        {
            Name = "small",
            Forge = "github",
            Target = ForgeTarget.Repository("acme/app"),
            Labels = [],
            Provider = "docker",
            Image = "hangar/runner:1",
        };
        var pool = config.Engine.Pools.ShouldHaveSingleItem();
        pool.ShouldBe(expected with { Labels = pool.Labels, Command = pool.Command, Env = pool.Env, Mounts = pool.Mounts });
        pool.Labels.ShouldBeEmpty();
        pool.Command.ShouldBeEmpty();
        pool.Env.ShouldBeEmpty();
        pool.Mounts.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_RelativePaths_ResolveAgainstTheConfigFilesDirectory()
    {
        var config = Valid("""
            server: {data_dir: ../var/hangar}
            store: {path: db/h.db}
            providers:
              local: {type: process, work_dir: ../runners}
            """);

        config.Server.DataDir.ShouldBe("/etc/var/hangar");
        config.Store.Sqlite.ShouldNotBeNull().Path.ShouldBe("/etc/hangar/db/h.db");
        config.Providers["local"].Process.ShouldNotBeNull().WorkDir.ShouldBe("/etc/runners");
    }

    [Fact]
    public void Parse_EmptyFile_IsValidWithDefaults()
    {
        var config = Valid("# nothing configured yet\n");

        config.Server.Listen.ShouldBe("http://127.0.0.1:8080");
        config.Engine.Pools.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("https://[::1]:8443")]
    public void Parse_KestrelListenAddresses_AreAccepted(string listen) =>
        Valid($"server: {{listen: '{listen}'{(listen.StartsWith("https", StringComparison.Ordinal) ? ", tls: {certificate: c.pem, key: k.pem}" : "")}}}")
            .Server.Listen.ShouldBe(listen);

    [Fact]
    public void Parse_HttpsWithTls_BothPathsResolvedAgainstTheFile()
    {
        var tls = Valid("server: {listen: 'https://127.0.0.1:8443', tls: {certificate: tls/c.pem, key: tls/k.pem}}").Server.Tls.ShouldNotBeNull();

        Path.IsPathRooted(tls.Certificate).ShouldBeTrue();
        tls.Key.ShouldEndWith(Path.Combine("tls", "k.pem"));
    }

    [Theory]
    [InlineData("server: {listen: 'https://127.0.0.1:8443'}", "needs server.tls")]
    [InlineData("server: {listen: 'http://127.0.0.1:8080', tls: {certificate: c.pem, key: k.pem}}", "only with an https:// listen")]
    [InlineData("server: {listen: 'https://127.0.0.1:8443', tls: {certificate: c.pem}}", "key")]
    public void Parse_TlsMismatch_ErrorAtItsKey(string yaml, string expected) =>
        ConfigLoader.Parse(yaml, "hangar.yaml").Errors.ShouldContain(e => e.Message.Contains(expected));

    [Fact]
    public void Parse_NullSectionValues_ReadAsAbsent() =>
        Valid("server:\nstore: ~\nforges:\npools: null\n").Store.Type.ShouldBe("sqlite");

    [Fact]
    public void Parse_MergeKeys_ShareSettingsBetweenPools()
    {
        var pools = Valid(Minimal.Replace("  small:", "  small: &common", StringComparison.Ordinal) + """

              large:
                <<: *common
                labels: [large]
                max_runners: 2
            """).Engine.Pools;

        pools.Select(p => (p.Name, p.Image, p.MaxRunners)).ShouldBe([("small", "hangar/runner:1", 10), ("large", "hangar/runner:1", 2)]);
    }

    [Fact]
    public void Load_ExampleFile_HasNoErrors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "hangar.yaml");

        var result = ConfigLoader.Load(path);

        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        result.Config!.Engine.Pools.Count.ShouldBeGreaterThanOrEqualTo(2);
        result.Config.Providers.Values.Select(p => p.Type).Order().ShouldBe(["docker", "process"]);
    }

    [Fact]
    public void Load_FileOnDisk_ResolvesPathsAgainstItsDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("hangar-config-");
        try
        {
            var path = Path.Combine(directory.FullName, "hangar.yaml");
            File.WriteAllText(path, Minimal);

            var config = ConfigLoader.Load(path).Config.ShouldNotBeNull();

            config.Server.DataDir.ShouldBe(Path.Combine(directory.FullName, "data"));
            config.SourcePath.ShouldBe(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
