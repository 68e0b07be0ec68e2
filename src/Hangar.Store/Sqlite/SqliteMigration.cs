using System.Globalization;
using System.Reflection;

namespace Hangar.Store.Sqlite;

/// <summary>One embedded schema change, <c>Migrations/NNNN_name.sql</c>, applied once in version order.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "Hangar.Store.Sqlite.Migrations.";

    public static IReadOnlyList<SqliteMigration> All { get; } = Load();

    private static SqliteMigration[] Load()
    {
        var assembly = typeof(SqliteMigration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => Read(assembly, r))
            .OrderBy(m => m.Version)
            .ToArray();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two SQLite migrations share version {duplicate.Key}");
        }

        return migrations;
    }

    private static SqliteMigration Read(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"SQLite migration {name} is not named NNNN_description.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SqliteMigration(version, name, reader.ReadToEnd());
    }
}
