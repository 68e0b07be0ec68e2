namespace Hangar.Store.Sqlite;

/// <summary>The SQLite store's schema changes, <c>Sqlite/Migrations/NNNN_name.sql</c>.</summary>
internal static class SqliteMigration
{
    public static IReadOnlyList<EmbeddedMigration> All { get; } = EmbeddedMigration.Load("Hangar.Store.Sqlite.Migrations.", "SQLite");
}
