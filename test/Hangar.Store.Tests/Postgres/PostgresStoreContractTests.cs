using Hangar.Testing.Storage;

namespace Hangar.Store.Tests.Postgres;

/// <summary>The store contract suite, the same one SQLite passes, on a real PostgreSQL server.</summary>
public sealed class PostgresStoreContractTests : StoreContractTests<PostgresStoreBackend>;
