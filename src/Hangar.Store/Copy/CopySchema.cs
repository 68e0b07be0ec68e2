using System.Data.Common;

namespace Hangar.Store.Copy;

/// <summary>A store's tables and their columns, from a reader of <c>(table, column)</c> rows, whichever store it reads.</summary>
internal static class CopySchema
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var schema = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            if (!schema.TryGetValue(table, out var columns))
            {
                schema[table] = columns = new HashSet<string>(StringComparer.Ordinal);
            }

            columns.Add(reader.GetString(1));
        }

        return schema.ToDictionary(t => t.Key, t => (IReadOnlySet<string>)t.Value, StringComparer.Ordinal);
    }
}
