namespace Hangar.Configuration;

public sealed record StoreConfig
{
    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Type { get; init; } = "sqlite";

    /// <summary>SQLite file; default <c>{data_dir}/hangar.db</c>.</summary>
    public string? Path { get; init; }

    /// <summary>PostgreSQL connection string (a secret: it may hold a password).</summary>
    public SecretRef? ConnectionString { get; init; }
}
