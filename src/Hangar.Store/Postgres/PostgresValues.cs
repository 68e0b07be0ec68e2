using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Hangar.Store.Postgres;

/// <summary>Conversions between domain values and their stored form, and typed positional parameters.</summary>
internal static class PostgresValues
{
    /// <summary>
    /// An instant as stored: UTC (Npgsql writes <c>timestamptz</c> only from offset zero) and to the millisecond, so
    /// a value reads back exactly as the SQLite store returns it.
    /// </summary>
    public static DateTimeOffset ToStored(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    public static DateTimeOffset? ToStored(DateTimeOffset? value) => value is { } v ? ToStored(v) : null;

    /// <summary>The key a delivery id is stored under: its SHA-256, so an id of any length fits the primary key.</summary>
    public static byte[] DeliveryKey(string deliveryId) => SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId));

    /// <summary>Adds a positional parameter typed by <typeparamref name="T"/> (so a null keeps its type and a prepared
    /// statement its signature) and returns its placeholder.</summary>
    public static string Bind<T>(this NpgsqlParameterCollection parameters, T value)
    {
        parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + parameters.Count;
    }

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetInt64OrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset GetTime(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? GetTimeOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);
}
