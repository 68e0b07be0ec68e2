using Hangar.Store.Postgres;
using static Hangar.Store.Copy.CopyColumnKind;

namespace Hangar.Store.Copy;

/// <summary>
/// Every table of an installation's state, in an order that writes a referenced row before the rows referring to it.
/// A table or column a migration adds must be added here too: the copy refuses a database holding one it does not
/// know (it would be left behind), and <c>CopyCatalogTests</c> compares this list with both stores' migrated schemas.
/// </summary>
internal static class CopyCatalog
{
    /// <summary>Bookkeeping each store keeps for itself; the target's own migrations write it.</summary>
    public static readonly IReadOnlySet<string> NotCopied = new HashSet<string>(StringComparer.Ordinal) { "schema_migrations", "sqlite_sequence" };

    public static readonly IReadOnlyList<CopyTable> Tables =
    [
        new()
        {
            Name = "settings",
            Columns = [new("key", Text), new("value", Text)],
            OrderBy = "key",
        },
        new()
        {
            Name = "jobs",
            Columns =
            [
                new("forge", Text), new("id", BigInteger), new("attempt", BigInteger), new("status", Integer), new("repository", Text),
                new("owner", Text), new("enterprise", Text), new("labels", Labels), new("run_id", BigInteger), new("name", Text),
                new("pool", Text), new("unroutable_reason", Text), new("runner_name", Text), new("runner_id", BigInteger),
                new("conclusion", Text), new("received_at", Time), new("queued_at", Time), new("started_at", Time),
                new("completed_at", Time), new("updated_at", Time), new("checked_at", Time), new("missed_checks", Integer),
                new("close_reason", Text), new("killed_at", Time), new("killed_reason", Text),
            ],
            OrderBy = "forge, id, attempt",
        },
        new()
        {
            Name = "deliveries",
            Columns = [new("delivery_id", Text), new("received_at", Time)],
            OrderBy = "delivery_id",
            PostgresOnly = (new("id_hash", Bytes), row => PostgresValues.DeliveryKey((string)row[0]!)),
        },
        new()
        {
            Name = "instances",
            Columns =
            [
                new("name", Text), new("pool", Text), new("provider", Text), new("state", Text), new("created_at", Time),
                new("state_changed_at", Time), new("provider_id", Text), new("forge_runner_id", BigInteger), new("job_id", BigInteger),
                new("attempts", Integer), new("last_reason", Text), new("last_error", Text), new("forge", Text),
                new("target_scope", Text), new("target_name", Text),
            ],
            OrderBy = "name",
        },
        new()
        {
            Name = "instance_transitions",
            Columns = [new("id", BigInteger), new("instance", Text), new("from_state", Text), new("to_state", Text), new("at", Time), new("reason", Text)],
            OrderBy = "id",
            GeneratedId = "id",
        },
        new()
        {
            Name = "instance_tokens",
            Columns = [new("instance", Text), new("token_hash", Bytes), new("issued_at", Time), new("expires_at", Time)],
            OrderBy = "instance",
        },
        new()
        {
            Name = "leases",
            Columns = [new("name", Text), new("holder", Text), new("epoch", BigInteger), new("expires_at", Time), new("acquired_at", Time), new("handoffs", BigInteger)],
            OrderBy = "name",
        },
        new()
        {
            Name = "api_tokens",
            Columns =
            [
                new("id", Text), new("name", Text), new("scope", Text), new("secret_hash", Bytes), new("created_at", Time),
                new("expires_at", Time), new("last_used_at", Time), new("revoked_at", Time),
            ],
            OrderBy = "id",
        },
        new()
        {
            Name = "scale_set_cursors",
            Columns =
            [
                new("forge", Text), new("pool", Text), new("scale_set_id", BigInteger), new("last_message_id", BigInteger), new("assigned_jobs", Integer),
                new("updated_at", Time),
            ],
            OrderBy = "forge, pool",
        },
    ];

    /// <summary>
    /// What a store's schema holds that this catalog does not copy, or lacks that it does: empty when a copy moves
    /// everything. <paramref name="schema"/> maps each table to its columns.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(IReadOnlyDictionary<string, IReadOnlySet<string>> schema, bool postgres)
    {
        var problems = new List<string>();
        foreach (var (table, columns) in schema.Where(t => !NotCopied.Contains(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (Tables.FirstOrDefault(t => t.Name == table) is not { } known)
            {
                problems.Add($"table {table}");
                continue;
            }

            var expected = Expected(known, postgres);
            problems.AddRange(columns.Where(c => !expected.Contains(c)).Order(StringComparer.Ordinal).Select(c => $"column {table}.{c}"));
            problems.AddRange(expected.Where(c => !columns.Contains(c)).Order(StringComparer.Ordinal).Select(c => $"missing column {table}.{c}"));
        }

        problems.AddRange(Tables.Where(t => !schema.ContainsKey(t.Name)).Select(t => $"missing table {t.Name}"));
        return problems;
    }

    private static HashSet<string> Expected(CopyTable table, bool postgres)
    {
        var columns = new HashSet<string>(table.ColumnNames, StringComparer.Ordinal);
        if (postgres && table.PostgresOnly is { } extra)
        {
            columns.Add(extra.Column.Name);
        }

        return columns;
    }
}
