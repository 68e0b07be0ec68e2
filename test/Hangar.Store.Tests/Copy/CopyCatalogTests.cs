using Hangar.Store.Copy;
using Hangar.Store.Postgres;
using Hangar.Store.Sqlite;
using Hangar.Testing.Storage;

namespace Hangar.Store.Tests.Copy;

/// <summary>
/// <c>hangar store copy</c> must move every table and column either store has: a migration that adds one without
/// adding it to <see cref="CopyCatalog"/> fails here (and the copy itself refuses such a database at run time).
/// </summary>
public sealed class CopyCatalogTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-copy-catalog-");
    private PostgresTestSchema? _schema;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Catalog_SqliteSchemaAfterEveryMigration_EveryTableAndColumnIsCopied()
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_dir.FullName, "hangar.db") };
        await using var store = new SqliteCopyEndpoint(options, mustExist: false);
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);

        var schema = await store.SchemaAsync(Ct).WaitAsync(Timeout, Ct);

        CopyCatalog.Mismatches(schema, postgres: false).ShouldBeEmpty();
        schema.Keys.Where(t => !CopyCatalog.NotCopied.Contains(t)).Count().ShouldBe(CopyCatalog.Tables.Count);
    }

    [Fact]
    public async Task Catalog_PostgresSchemaAfterEveryMigration_EveryTableAndColumnIsCopied()
    {
        _schema = await PostgresTestServer.CreateSchemaAsync();
        var options = new PostgresStoreOptions { ConnectionString = _schema.ConnectionString };
        await using var store = new PostgresCopyEndpoint(options, "test");
        await store.MigrateAsync(Ct).WaitAsync(Timeout, Ct);

        var schema = await store.SchemaAsync(Ct).WaitAsync(Timeout, Ct);

        CopyCatalog.Mismatches(schema, postgres: true).ShouldBeEmpty();
        schema.Keys.Where(t => !CopyCatalog.NotCopied.Contains(t)).Count().ShouldBe(CopyCatalog.Tables.Count);
    }

    [Fact]
    public void Mismatches_TableAndColumnTheCatalogLacks_NamesBoth()
    {
        var schema = CopyCatalog.Tables.ToDictionary(t => t.Name, t => (IReadOnlySet<string>)new HashSet<string>(t.ColumnNames), StringComparer.Ordinal);
        schema["audit_log"] = new HashSet<string> { "id" };
        schema["settings"] = new HashSet<string> { "key", "value", "scope" };
        schema.Remove("leases");

        CopyCatalog.Mismatches(schema, postgres: false).ShouldBe(["table audit_log", "column settings.scope", "missing table leases"]);
    }
}
