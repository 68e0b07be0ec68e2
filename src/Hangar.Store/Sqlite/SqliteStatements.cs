using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Hangar.Store.Sqlite;

/// <summary>
/// Statements prepared once on the writer's long-lived connection (<see cref="SqliteDatabase"/>) and reused by every
/// write after: SQLite compiles a statement's text only the first time, later executions bind and step. A command
/// handed out here belongs to the cache: its caller sets its parameters and runs it, and never disposes it.
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    // The writes receive only the connection; this finds the cache of the writer's connection from it.
    private static readonly ConditionalWeakTable<SqliteConnection, SqliteStatements> ByConnection = new();

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private SqliteStatements(SqliteConnection connection) => _connection = connection;

    /// <summary>The transaction of the batch under way: every command handed out joins it.</summary>
    public SqliteTransaction? Transaction { get; set; }

    public static SqliteStatements Attach(SqliteConnection connection)
    {
        var statements = new SqliteStatements(connection);
        ByConnection.AddOrUpdate(connection, statements);
        return statements;
    }

    /// <summary>A prepared command for <paramref name="sql"/> (a constant text, not one built per call) on the writer's
    /// connection, its parameters cleared, joined to the batch's transaction.</summary>
    /// <exception cref="InvalidOperationException">The connection is not a writer's (only writes reuse statements).</exception>
    public static SqliteCommand Reused(SqliteConnection connection, string sql)
    {
        if (!ByConnection.TryGetValue(connection, out var statements))
        {
            throw new InvalidOperationException("prepared statements live on the writer's connection only: call this inside SqliteDatabase.WriteAsync");
        }

        return statements.Get(sql);
    }

    /// <summary>Runs <paramref name="sql"/> (no parameters) as a reused statement: savepoints, which every write of a batch takes.</summary>
    public void Execute(string sql)
    {
        var command = Get(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Get(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        ByConnection.Remove(_connection);
    }
}
