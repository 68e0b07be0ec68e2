using System.Text;
using Hangar.Core.Storage;
using Hangar.Store.Lists;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>
/// A list query: filters, then an order by a unique key and a page of rows after a position in it. The position is a
/// keyset (the previous page's last key), never an OFFSET, so a page costs the same wherever it starts and rows written
/// meanwhile do not shift what the next page holds. The same shapes as the SQLite store's lists, so both page alike.
/// </summary>
internal sealed class PostgresListCommand(NpgsqlCommand command, string select) : IListFilter
{
    private readonly StringBuilder _sql = new StringBuilder(select).Append(" WHERE true");

    public void Where(string condition) => _sql.Append(" AND ").Append(condition);

    /// <summary>A condition on one value: <c>{0}</c> in <paramref name="condition"/> stands for its placeholder.</summary>
    public void Where<T>(string condition, T value) => Where(string.Format(null, condition, command.Parameters.Bind(value)));

    public void WhereEqual(string column, string value) => Where(column + " = {0}", value);

    public void WhereEqual(string column, long value) => Where(column + " = {0}", value);

    public void WhereAtOrAfter(string column, DateTimeOffset time) => Where(column + " >= {0}", PostgresValues.ToStored(time));

    /// <summary><paramref name="column"/> is one of <paramref name="values"/>: one array parameter, so a filter of
    /// thousands stays one statement with one prepared shape.</summary>
    public void WhereIn(string column, IReadOnlyList<string> values) => Where(column + " = ANY({0})", values.ToArray());

    /// <inheritdoc cref="WhereIn(string, IReadOnlyList{string})"/>
    public void WhereIn(string column, IReadOnlyList<int> values) => Where(column + " = ANY({0})", values.ToArray());

    public void WhereNotIn(string column, IReadOnlyList<string> values) => Where("NOT (" + column + " = ANY({0}))", values.ToArray());

    /// <param name="key">The sort key's columns, most significant first; together they are unique, and an index holds
    /// them in this order so a page is read straight from it.</param>
    /// <param name="after">Binds the key of the previous page's last row and returns the placeholders, or null for
    /// the first page.</param>
    public void Page(IReadOnlyList<string> key, ListOrder order, Func<NpgsqlParameterCollection, string[]>? after, int limit)
    {
        var descending = order == ListOrder.NewestFirst;
        if (after is not null)
        {
            var placeholders = after(command.Parameters);
            Where($"({string.Join(", ", key)}) {(descending ? "<" : ">")} ({string.Join(", ", placeholders)})");
        }

        _sql.Append(" ORDER BY ").AppendJoin(", ", key.Select(c => descending ? c + " DESC" : c))
            .Append(" LIMIT ").Append(command.Parameters.Bind(limit)).Append(';');
        command.CommandText = _sql.ToString();
    }

    public async Task<IReadOnlyList<T>> ReadAsync<T>(Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
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
