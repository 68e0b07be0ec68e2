using System.Globalization;
using Hangar.Store.Copy;
using Hangar.Store.Postgres;

namespace Hangar.Testing.Storage;

/// <summary>Every row of every copied table of a store, each as one line of text, in primary-key order: two stores
/// holding the same state dump the same.</summary>
public static class StoreDump
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAsync(StoreLocation location, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(location);
        await using ICopyEndpoint store = location.Sqlite is { } sqlite
            ? new SqliteCopyEndpoint(sqlite, mustExist: true)
            : new PostgresCopyEndpoint(location.Postgres!, location.Describe());
        await store.BeginReadAsync(ct);
        var dump = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in CopyCatalog.Tables)
        {
            var rows = new List<string>();
            await foreach (var row in store.ReadAsync(table, ct))
            {
                rows.Add(string.Join(" | ", row.Select(Format)));
            }

            dump[table.Name] = rows;
        }

        return dump;
    }

    /// <summary>Where two dumps differ, one line per table (its first differing row): empty when they hold the same.</summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyDictionary<string, IReadOnlyList<string>> expected, IReadOnlyDictionary<string, IReadOnlyList<string>> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        foreach (var (table, rows) in expected)
        {
            var other = actual.GetValueOrDefault(table) ?? [];
            if (rows.Count != other.Count)
            {
                differences.Add($"{table}: {rows.Count} rows expected, {other.Count} found");
            }
            else if (rows.Zip(other).FirstOrDefault(p => p.First != p.Second) is ({ } want, { } got))
            {
                differences.Add($"{table}: expected {want}, found {got}");
            }
        }

        return differences;
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        DateTimeOffset time => PostgresValues.ToStored(time).ToString("O", CultureInfo.InvariantCulture),
        string[] labels => "[" + string.Join(",", labels) + "]",
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
