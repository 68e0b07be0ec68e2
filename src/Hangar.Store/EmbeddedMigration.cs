using System.Globalization;
using System.Reflection;

namespace Hangar.Store;

/// <summary>
/// One schema change embedded in this assembly as <c>Migrations/NNNN_name.sql</c> under a store's folder, applied once
/// in version order. Each store numbers its own: a SQLite migration and a PostgreSQL one never share a sequence.
/// </summary>
internal sealed record EmbeddedMigration(int Version, string Name, string Sql)
{
    /// <summary>The migrations under <paramref name="resourcePrefix"/>, in version order.</summary>
    /// <param name="store">The store's name, for messages.</param>
    public static IReadOnlyList<EmbeddedMigration> Load(string resourcePrefix, string store)
    {
        var assembly = typeof(EmbeddedMigration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(resourcePrefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => Read(assembly, r, resourcePrefix, store))
            .OrderBy(m => m.Version)
            .ToArray();

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two {store} migrations share version {duplicate.Key}");
        }

        return migrations;
    }

    /// <summary>Those of <paramref name="all"/> not <paramref name="applied"/> yet, in version order.</summary>
    /// <exception cref="InvalidOperationException">The database holds a migration this build does not know.</exception>
    public static IReadOnlyList<EmbeddedMigration> Pending(IReadOnlyList<EmbeddedMigration> all, IReadOnlySet<int> applied)
    {
        var known = all.Select(m => m.Version).ToHashSet();
        var unknown = applied.Where(v => !known.Contains(v)).Order().ToArray();
        if (unknown.Length > 0)
        {
            // A newer Hangar has written a schema this build does not understand; running on it could corrupt data.
            throw new InvalidOperationException(
                $"the database has schema migrations this version of Hangar does not know ({string.Join(", ", unknown)}); upgrade Hangar");
        }

        return [.. all.Where(m => !applied.Contains(m.Version))];
    }

    private static EmbeddedMigration Read(Assembly assembly, string resource, string resourcePrefix, string store)
    {
        var name = resource[resourcePrefix.Length..^".sql".Length];
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"{store} migration {name} is not named NNNN_description.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new EmbeddedMigration(version, name, reader.ReadToEnd());
    }
}
