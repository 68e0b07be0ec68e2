using System.Globalization;
using Hangar.Core.Jobs;
using Hangar.Core.Storage;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// The one channel replicas hear each other's writes on. A payload is <c>schema:kind[:pool[:rows]]</c>: installations in
/// other schemas of the same database share the channel and ignore each other. <c>rows</c> names the changed rows
/// (instance names, or jobs as <c>forge/id/attempt</c>; each part URI-escaped, comma-separated) so a live view reads
/// back only those; it is left out when the payload would come near PostgreSQL's 8000-byte limit, and a payload without
/// it means "any row of this kind". <c>pg_notify</c> inside a write's transaction is delivered when (and only if) it
/// commits.
/// </summary>
internal static class PostgresChanges
{
    public const string Channel = "hangar_changes";

    private const string NotifySql = "SELECT pg_notify($1, current_schema() || ':' || $2);";

    // Well under the 8000-byte limit, leaving room for the schema name and the pool.
    private const int MaxRows = 6000;

    public static Task NotifyJobsAsync(NpgsqlConnection connection, IEnumerable<JobKey> jobs, CancellationToken cancellationToken) =>
        NotifyAsync(connection, new StoreChange(StoreChangeKind.Jobs, Jobs: [.. jobs]), cancellationToken);

    public static Task NotifyInstanceAsync(NpgsqlConnection connection, string pool, string name, CancellationToken cancellationToken) =>
        NotifyAsync(connection, new StoreChange(StoreChangeKind.Instances, pool, Instances: [name]), cancellationToken);

    public static async Task NotifyAsync(NpgsqlConnection connection, StoreChange change, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(NotifySql, connection);
        command.Parameters.Bind(Channel);
        command.Parameters.Bind(Payload(change));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The notification of changed jobs as a command of a batch (sent with the batch's other statements).</summary>
    public static NpgsqlBatchCommand NotifyJobsCommand(IEnumerable<JobKey> jobs)
    {
        var command = new NpgsqlBatchCommand(NotifySql);
        command.Parameters.Bind(Channel);
        command.Parameters.Bind(Payload(new StoreChange(StoreChangeKind.Jobs, Jobs: [.. jobs])));
        return command;
    }

    /// <summary>The payload after <c>schema:</c>.</summary>
    public static string Payload(StoreChange change)
    {
        var payload = Kind(change.Kind);
        var rows = change.Instances is { } names ? string.Join(',', names.Select(Uri.EscapeDataString))
            : change.Jobs is { } jobs ? string.Join(',', jobs.Select(Encode))
            : null;
        if (rows is { Length: > 0 and <= MaxRows })
        {
            return $"{payload}:{Uri.EscapeDataString(change.Pool ?? "")}:{rows}";
        }

        return change.Pool is null ? payload : $"{payload}:{Uri.EscapeDataString(change.Pool)}";
    }

    /// <summary>The change a payload names when it comes from <paramref name="schema"/>; null for another schema's or an unknown one.</summary>
    public static StoreChange? Parse(string payload, string schema)
    {
        var parts = payload.Split(':', 4);
        if (parts.Length < 2 || !string.Equals(parts[0], schema, StringComparison.Ordinal))
        {
            return null;
        }

        var pool = parts.Length >= 3 && parts[2].Length > 0 ? Uri.UnescapeDataString(parts[2]) : null;
        var rows = parts.Length == 4 && parts[3].Length > 0 ? parts[3].Split(',') : null;
        return parts[1] switch
        {
            "jobs" => new StoreChange(StoreChangeKind.Jobs, pool, Jobs: rows is null ? null : Decode(rows)),
            "instances" => new StoreChange(StoreChangeKind.Instances, pool, Instances: rows?.Select(Uri.UnescapeDataString).ToList()),
            "operators" => new StoreChange(StoreChangeKind.Operators, pool),
            _ => null,
        };
    }

    private static string Encode(JobKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(key.Forge)}/{key.Id}/{key.Attempt}");

    // A row this build cannot read (a newer replica's form) makes the whole list unknown: any job may have changed.
    private static List<JobKey>? Decode(string[] rows)
    {
        var keys = new List<JobKey>(rows.Length);
        foreach (var row in rows)
        {
            var parts = row.Split('/');
            if (parts.Length != 3
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempt))
            {
                return null;
            }

            keys.Add(new JobKey(Uri.UnescapeDataString(parts[0]), id, attempt));
        }

        return keys;
    }

    private static string Kind(StoreChangeKind kind) => kind.ToString().ToLower(CultureInfo.InvariantCulture);
}
