using System.Net;
using Hangar.Configuration;
using Hangar.Testing.Storage;

namespace Hangar.Server.Tests.Health;

/// <summary><c>/readyz</c> follows the PostgreSQL database: ready while it answers, 503 while it is down, ready again
/// once it is back — on a private cluster the test stops and starts.</summary>
public sealed class PostgresReadinessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readyz_DatabaseStoppedThenStarted_NotReadyWhileDownReadyOnceBack()
    {
        await using var database = await ThrowawayPostgres.StartAsync();
        await using var server = await ServerFixture.StartAsync(
            configure: c => c with { Store = new StoreConfig { Type = StoreConfig.PostgresType, ConnectionString = new SecretRef("pg") } },
            moreSecrets: new Dictionary<string, string> { ["pg"] = database.ConnectionString });
        await Poll.UntilAsync(async () => await ReadyzAsync(server) == HttpStatusCode.OK, Deadline, "ready with the database up", Ct);

        await database.StopAsync();
        await Poll.UntilAsync(async () => await ReadyzAsync(server) == HttpStatusCode.ServiceUnavailable, Deadline, "503 with the database down", Ct);
        (await ReadyzAsync(server)).ShouldBe(HttpStatusCode.ServiceUnavailable);

        await database.StartAgainAsync();
        await Poll.UntilAsync(async () => await ReadyzAsync(server) == HttpStatusCode.OK, Deadline, "ready again once the database is back", Ct);
    }

    private static async Task<HttpStatusCode> ReadyzAsync(ServerFixture server)
    {
        using var response = await server.Http.GetAsync("/readyz", Ct);
        return response.StatusCode;
    }
}
