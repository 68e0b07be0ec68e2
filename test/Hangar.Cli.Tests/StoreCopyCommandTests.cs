using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Configuration;
using Hangar.Core.Instances;
using Hangar.Core.Storage;
using Hangar.Server.Api;
using Hangar.Store.Copy;
using Hangar.Store.Sqlite;
using Hangar.Testing;
using Hangar.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Hangar.Cli.Tests;

/// <summary>
/// <c>hangar store copy</c> run as the real executable: SQLite to PostgreSQL and back to SQLite, then a real server on
/// each copy serves the same jobs and runners (with their history) as the original held.
/// </summary>
public sealed class StoreCopyCommandTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-store-copy-cli-");
    private PostgresTestSchema? _schema;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task StoreCopy_SqliteToPostgresAndBack_ServersOnEachCopySeeTheSameJobsAndRunners()
    {
        var original = Path.Combine(_dir.FullName, "a", "hangar.db");
        var expected = await WriteSampleAsync(original);
        _schema = await PostgresTestServer.CreateSchemaAsync();
        var secretFile = Path.Combine(_dir.FullName, "pg.secret");
        await File.WriteAllTextAsync(secretFile, _schema.ConnectionString, Ct);
        var configA = Config("a.yaml", "server:\n  data_dir: a\n");
        var configB = Config("b.yaml", "server:\n  data_dir: b\nstore:\n  type: postgres\n  connection_string: {name: pg, env: HANGAR_COPY_TEST_PG_UNSET}\n");
        var configC = Config("c.yaml", "server:\n  data_dir: c\nstore:\n  path: c/copy.db\n");

        var there = await HangarCli.RunAsync(Timeout, "store", "copy", "--from", configA, "--to", configB, "--secret-file", "pg=" + secretFile);
        var back = await HangarCli.RunAsync(Timeout, "store", "copy", "--from", configB, "--to", configC, "--secret-file", "pg=" + secretFile);

        there.ExitCode.ShouldBe(0, there.Stderr);
        back.ExitCode.ShouldBe(0, back.Stderr);
        var lines = there.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(CopyCatalog.Tables.Count + 1);
        lines.ShouldContain(l => l.StartsWith("jobs ", StringComparison.Ordinal) && l.EndsWith(" 25 rows", StringComparison.Ordinal));
        // 26 moves and notes of the sample, and the line its runner removal request writes.
        lines.ShouldContain(l => l.StartsWith("instance_transitions ", StringComparison.Ordinal) && l.EndsWith(" 27 rows", StringComparison.Ordinal));
        lines[^1].ShouldStartWith($"copied {expected.Rows} rows from sqlite:{original} to postgres://");
        back.Stdout.ShouldContain($"copied {expected.Rows} rows from postgres://");
        var copy = Path.Combine(_dir.FullName, "c", "copy.db");
        StoreDump.Differences(
                await StoreDump.ReadAsync(StoreLocation.Of(new SqliteStoreOptions { Path = original }), Ct),
                await StoreDump.ReadAsync(StoreLocation.Of(new SqliteStoreOptions { Path = copy }), Ct))
            .ShouldBeEmpty();

        await using (var onPostgres = await ServerFixture.StartAsync(
            configure: c => c with { Store = new StoreConfig { Type = StoreConfig.PostgresType, ConnectionString = new SecretRef("pg") } },
            moreSecrets: new Dictionary<string, string> { ["pg"] = _schema.ConnectionString }))
        {
            await ShouldServeAsync(onPostgres, expected);
        }

        await using (var onSqlite = await ServerFixture.StartAsync(configure: c => c with { Store = new StoreConfig { Sqlite = new SqliteStoreOptions { Path = copy } } }))
        {
            await ShouldServeAsync(onSqlite, expected);
        }
    }

    [Fact]
    public async Task StoreCopy_ServerHoldsTheSourceOrTargetHoldsRows_RefusedWithExitCode1AndWhy()
    {
        var original = Path.Combine(_dir.FullName, "a", "hangar.db");
        await WriteSampleAsync(original);
        var configA = Config("a.yaml", "server:\n  data_dir: a\n");
        var configB = Config("b.yaml", "server:\n  data_dir: b\n");

        using (var server = new SqliteServerLock(original))
        {
            server.Acquire();
            var held = await HangarCli.RunAsync(Timeout, "store", "copy", "--from", configA, "--to", configB);

            held.ExitCode.ShouldBe(1);
            held.Stderr.ShouldContain("hangar: store copy refused: a Hangar server is running on " + original);
        }

        (await HangarCli.RunAsync(Timeout, "store", "copy", "--from", configA, "--to", configB)).ExitCode.ShouldBe(0);
        var again = await HangarCli.RunAsync(Timeout, "store", "copy", "--from", configA, "--to", configB);
        var forced = await HangarCli.RunAsync(Timeout, "store", "copy", "--from", configA, "--to", configB, "--force", "-o", "json");

        again.ExitCode.ShouldBe(1);
        again.Stderr.ShouldContain("is not empty (settings: 1, jobs: 25");
        again.Stderr.ShouldContain("pass --force to replace everything it holds");
        forced.ExitCode.ShouldBe(0, forced.Stderr);
        using var json = JsonDocument.Parse(forced.Stdout);
        json.RootElement.GetProperty("replaced").GetInt64().ShouldBeGreaterThan(0);
        json.RootElement.GetProperty("tables").GetArrayLength().ShouldBe(CopyCatalog.Tables.Count);
    }

    private string Config(string name, string yaml)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static async Task<Expected> WriteSampleAsync(string path)
    {
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = path });
        await store.MigrateAsync(Ct);
        await StoreStateSample.WriteAsync(store, DateTimeOffset.UtcNow, Ct);
        var jobs = await store.ListJobsAsync(new JobQuery(), Ct);
        var instances = await store.ListInstancesAsync(InstanceQuery.All, Ct);
        var history = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var instance in instances)
        {
            history[instance.Name] = [.. (await store.GetHistoryAsync(instance.Name, 100, Ct)).Reverse().Select(t => $"{t.From}->{t.To}: {t.Reason}")];
        }

        var rows = (await StoreDump.ReadAsync(StoreLocation.Of(new SqliteStoreOptions { Path = path }), Ct)).Sum(t => t.Value.Count);
        return new Expected(
            [.. jobs.Select(j => $"{j.Forge}/{j.Id}/{j.Attempt} {ApiNames.StatusName(j.Status)}").Order()],
            instances.ToDictionary(i => i.Name, i => i.State),
            history,
            rows);
    }

    /// <summary>
    /// The server's engine may act on what it finds (route a job, fail an instance of a pool it does not know): it only
    /// ever adds history, so what the original held must be the oldest part of each runner's history.
    /// </summary>
    private static async Task ShouldServeAsync(ServerFixture server, Expected expected)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerFixture.ApiToken);

        var jobs = await ItemsAsync(http, "api/v1/jobs?limit=500");
        jobs.Select(j => $"{j.GetProperty("forge").GetString()}/{j.GetProperty("id").GetInt64()}/{(j.TryGetProperty("attempt", out var attempt) ? attempt.GetInt64() : 0)} {j.GetProperty("status").GetString()}")
            .Order().ShouldBe(expected.Jobs);

        var runners = await ItemsAsync(http, "api/v1/runners?all=true&limit=500");
        runners.Select(r => r.GetProperty("name").GetString()!).Order().ShouldBe(expected.States.Keys.Order());
        foreach (var runner in runners.Where(r => expected.States[r.GetProperty("name").GetString()!] == InstanceState.Deleted))
        {
            runner.GetProperty("state").GetString().ShouldBe("deleted");
        }

        foreach (var (name, history) in expected.History)
        {
            var served = (await ItemsAsync(http, $"api/v1/runners/{name}/transitions?limit=500")).Reverse()
                .Select(t => $"{StateOf(t, "from")}->{StateOf(t, "to")}: {t.GetProperty("reason").GetString()}").ToList();
            served.Take(history.Count).ShouldBe(history, $"history of {name}");
        }
    }

    private static string StateOf(JsonElement transition, string property) =>
        transition.TryGetProperty(property, out var state) && state.GetString() is { } name ? Enum.Parse<InstanceState>(name, ignoreCase: true).ToString() : "";

    private static async Task<IReadOnlyList<JsonElement>> ItemsAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        using var page = JsonDocument.Parse(body);
        if (page.RootElement.TryGetProperty("next_cursor", out var next))
        {
            next.ValueKind.ShouldBe(JsonValueKind.Null, "one page holds everything");
        }

        return [.. page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    private sealed record Expected(IReadOnlyList<string> Jobs, IReadOnlyDictionary<string, InstanceState> States, IReadOnlyDictionary<string, IReadOnlyList<string>> History, int Rows);
}
