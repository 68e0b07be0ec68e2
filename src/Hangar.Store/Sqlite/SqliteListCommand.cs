using System.Text;
using Hangar.Core.Storage;
using Hangar.Store.Lists;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>
/// A list query: filters, then an order by a unique key and a page of rows after a position in it. The position is a
/// keyset (the previous page's last key), never an OFFSET, so a page costs the same wherever it starts and rows written
/// meanwhile do not shift what the next page holds.
/// </summary>
internal sealed class SqliteListCommand(SqliteCommand command, string select) : IListFilter
{
    private readonly StringBuilder _sql = new StringBuilder(select).Append(" WHERE 1 = 1");

    public void Where(string condition) => _sql.Append(" AND ").Append(condition);

    public void Where(string condition, string parameter, object? value)
    {
        Where(condition);
        command.Parameters.Add(parameter, value);
    }

    public void WhereEqual(string column, string value) => Where($"{column} = ${column}", $"${column}", value);

    public void WhereEqual(string column, long value) => Where($"{column} = ${column}", $"${column}", value);

    public void WhereAtOrAfter(string column, DateTimeOffset time) => Where($"{column} >= ${column}", $"${column}", SqliteValues.ToUnixMs(time));

    /// <summary>
    /// <paramref name="column"/> is one of <paramref name="values"/>. One value is compared with <c>=</c>, which lets
    /// SQLite read that value's rows from an index in key order; several travel as one JSON parameter, so a filter of
    /// thousands stays one statement.
    /// </summary>
    public void WhereIn(string column, IReadOnlyList<string> values) =>
        WhereIn(column, values.Count == 1 ? values[0] : null, () => SqliteValues.ToJson(values));

    /// <inheritdoc cref="WhereIn(string, IReadOnlyList{string})"/>
    public void WhereIn(string column, IReadOnlyList<int> values) =>
        WhereIn(column, values.Count == 1 ? values[0] : null, () => SqliteValues.ToJson(values));

    public void WhereNotIn(string column, IReadOnlyList<string> values) =>
        Where($"{column} NOT IN (SELECT value FROM json_each(${column}_not))", $"${column}_not", SqliteValues.ToJson(values));

    private void WhereIn(string column, object? single, Func<string> json)
    {
        if (single is not null)
        {
            Where($"{column} = ${column}", $"${column}", single);
        }
        else
        {
            Where($"{column} IN (SELECT value FROM json_each(${column}))", $"${column}", json());
        }
    }

    /// <param name="key">The sort key's columns, most significant first; together they are unique, and an index holds
    /// them in this order so a page is read straight from it.</param>
    /// <param name="after">The key of the previous page's last row, or null for the first page.</param>
    public void Page(IReadOnlyList<string> key, ListOrder order, IReadOnlyList<object>? after, int limit)
    {
        var descending = order == ListOrder.NewestFirst;
        if (after is not null)
        {
            var names = key.Select((_, i) => $"$after{i}").ToArray();
            Where($"({string.Join(", ", key)}) {(descending ? "<" : ">")} ({string.Join(", ", names)})");
            for (var i = 0; i < names.Length; i++)
            {
                command.Parameters.Add(names[i], after[i]);
            }
        }

        _sql.Append(" ORDER BY ").AppendJoin(", ", key.Select(c => descending ? c + " DESC" : c)).Append(" LIMIT $limit;");
        command.Parameters.Add("$limit", limit);
        command.CommandText = _sql.ToString();
    }

    public async Task<IReadOnlyList<T>> ReadAsync<T>(Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
