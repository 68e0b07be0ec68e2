using System.Buffers;
using System.Text;
using Hangar.Forges.GitHub.Webhooks;
using Hangar.Store.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hangar.Bench.Harness;

/// <summary>
/// The durable floor: the least any handler that keeps the "stored before 202" promise must do. Kestrel with the same
/// slim builder reads the body into a pooled buffer, verifies its HMAC in constant time and inserts one row per delivery
/// through the SQLite store's own group commit (<see cref="SqliteDatabase"/>: WAL, <c>synchronous=FULL</c>, a batch per
/// fsync); 202 only after the commit. No parsing, no dedupe, no job row: what Hangar does beyond this is its overhead.
/// </summary>
internal sealed class DurableFloorServer : IAsyncDisposable
{
    private const int MaxBody = 1 << 20;

    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(BenchHost.Secret);

    private readonly WebApplication _app;
    private readonly SqliteDatabase _database;

    private DurableFloorServer(WebApplication app, SqliteDatabase database)
    {
        _app = app;
        _database = database;
    }

    public string Url => _app.Urls.First();

    public static async Task<DurableFloorServer> StartAsync(string dataDir, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase(new SqliteStoreOptions { Path = Path.Combine(dataDir, "floor.db") });
        // As the store's migration does: WAL is set outside any transaction (inside one SQLite ignores it).
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS deliveries (delivery_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL);";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/webhooks/github", (Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, database)));
        app.MapGet("/readyz", () => TypedResults.Text("ready"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new DurableFloorServer(app, database);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, SqliteDatabase database)
    {
        var request = context.Request;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    if (length >= MaxBody)
                    {
                        return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            if (!GitHubWebhookSignature.IsValid(buffer.AsSpan(0, length), request.Headers["X-Hub-Signature-256"], Secret))
            {
                return TypedResults.Unauthorized();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        await database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO deliveries (delivery_id, received_at) VALUES ($id, $at) ON CONFLICT (delivery_id) DO NOTHING;";
            command.Parameters.AddWithValue("$id", delivery);
            command.Parameters.AddWithValue("$at", Environment.TickCount64);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _database.Dispose();
    }
}
