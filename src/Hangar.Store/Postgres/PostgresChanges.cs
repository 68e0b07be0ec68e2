using System.Globalization;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// The one channel replicas hear each other's writes on. A payload is <c>schema:kind[:pool]</c>: installations in other
/// schemas of the same database share the channel and ignore each other. <c>pg_notify</c> inside a write's transaction
/// is delivered when (and only if) it commits.
/// </summary>
internal static class PostgresChanges
{
    public const string Channel = "hangar_changes";

    public static async Task NotifyAsync(NpgsqlConnection connection, StoreChange change, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify($1, current_schema() || ':' || $2);", connection);
        command.Parameters.Bind(Channel);
        command.Parameters.Bind(change.Pool is null ? Kind(change.Kind) : Kind(change.Kind) + ":" + change.Pool);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The change a payload names when it comes from <paramref name="schema"/>; null for another schema's or an unknown one.</summary>
    public static StoreChange? Parse(string payload, string schema)
    {
        var parts = payload.Split(':', 3);
        if (parts.Length < 2 || !string.Equals(parts[0], schema, StringComparison.Ordinal))
        {
            return null;
        }

        StoreChangeKind? kind = parts[1] switch
        {
            "jobs" => StoreChangeKind.Jobs,
            "instances" => StoreChangeKind.Instances,
            _ => null,
        };
        return kind is { } k ? new StoreChange(k, parts.Length == 3 ? parts[2] : null) : null;
    }

    private static string Kind(StoreChangeKind kind) => kind.ToString().ToLower(CultureInfo.InvariantCulture);
}
