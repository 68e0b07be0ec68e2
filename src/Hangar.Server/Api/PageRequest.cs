using System.Globalization;

namespace Hangar.Server.Api;

/// <summary>The <c>limit</c> and <c>cursor</c> of a list request, checked.</summary>
internal sealed record PageRequest(int Limit, string? Cursor)
{
    public const int DefaultLimit = 100;

    /// <summary>A page is read and serialized in one go: the cap keeps one request's memory and time bounded.</summary>
    public const int MaxLimit = 1000;

    /// <returns>null with <paramref name="error"/> set when <paramref name="limit"/> is not a whole number in range.</returns>
    public static PageRequest? Parse(string? limit, string? cursor, out string? error)
    {
        error = null;
        var parsed = DefaultLimit;
        if (limit is not null
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsed) || parsed is < 1 or > MaxLimit))
        {
            error = $"limit must be a whole number from 1 to {MaxLimit}, not '{limit}'";
            return null;
        }

        return new PageRequest(parsed, string.IsNullOrEmpty(cursor) ? null : cursor);
    }

    /// <summary>What to ask the store for: one row more than the page, which tells whether a next page exists.</summary>
    public int StoreLimit => Limit + 1;
}
