namespace Hangar.Store.Copy;

/// <summary>
/// How a column's value travels between stores. Each store reads its own stored form into the one value named here
/// and writes it back in its own form (SQLite keeps times as Unix milliseconds and labels as JSON; PostgreSQL keeps
/// <c>timestamptz</c> and <c>text[]</c>), so any store can be copied to any other without loss.
/// </summary>
internal enum CopyColumnKind
{
    /// <summary><see cref="string"/>.</summary>
    Text,

    /// <summary><see cref="int"/> (PostgreSQL <c>integer</c>).</summary>
    Integer,

    /// <summary><see cref="long"/> (PostgreSQL <c>bigint</c>).</summary>
    BigInteger,

    /// <summary><see cref="DateTimeOffset"/> at offset zero, to the millisecond.</summary>
    Time,

    /// <summary><see cref="T:string[]"/> (a job's labels).</summary>
    Labels,

    /// <summary><see cref="T:byte[]"/> (token hashes).</summary>
    Bytes,
}
