using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>The writer loop's one connection, kept open from batch to batch with its prepared statements
/// (<see cref="SqliteStatements"/>); opened on first use and again after <see cref="Close"/>. Not thread-safe: only the
/// writer loop touches it.</summary>
internal sealed class SqliteWriterConnection(Func<CancellationToken, Task<SqliteConnection>> open)
{
    private SqliteConnection? _connection;
    private SqliteStatements? _statements;

    public async Task<(SqliteConnection Connection, SqliteStatements Statements)> GetAsync()
    {
        if (_connection is null || _statements is null)
        {
            var connection = await open(CancellationToken.None);
            _statements = SqliteStatements.Attach(connection);
            _connection = connection;
        }

        return (_connection, _statements);
    }

    public void Close()
    {
        _statements?.Dispose();
        _statements = null;
        _connection?.Dispose();
        _connection = null;
    }
}
