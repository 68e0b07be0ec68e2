using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Hangar.Store.Copy;

/// <summary>Rows of a copied table from a reader over its columns, each value read by the store's own
/// <paramref name="read"/> into the form <see cref="CopyColumnKind"/> names (null stays null).</summary>
internal static class CopyRows
{
    public static async IAsyncEnumerable<object?[]> ReadAsync<TReader>(
        TReader reader, CopyTable table, Func<TReader, int, CopyColumnKind, object> read, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TReader : DbDataReader
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[table.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : read(reader, i, table.Columns[i].Kind);
            }

            yield return row;
        }
    }
}
