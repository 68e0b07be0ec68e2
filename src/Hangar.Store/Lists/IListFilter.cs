namespace Hangar.Store.Lists;

/// <summary>The filters of a list query, as each store writes them in its SQL (see <see cref="ListFilters"/>).</summary>
internal interface IListFilter
{
    void Where(string condition);

    /// <summary><paramref name="column"/> equals <paramref name="value"/>.</summary>
    void WhereEqual(string column, string value);

    /// <inheritdoc cref="WhereEqual(string, string)"/>
    void WhereEqual(string column, long value);

    /// <summary><paramref name="column"/> holds a time at or after <paramref name="time"/>.</summary>
    void WhereAtOrAfter(string column, DateTimeOffset time);

    /// <summary><paramref name="column"/> is one of <paramref name="values"/>, as one parameter however many there are.</summary>
    void WhereIn(string column, IReadOnlyList<string> values);

    /// <inheritdoc cref="WhereIn(string, IReadOnlyList{string})"/>
    void WhereIn(string column, IReadOnlyList<int> values);

    /// <summary><paramref name="column"/> is none of <paramref name="values"/>, as one parameter however many there are.</summary>
    void WhereNotIn(string column, IReadOnlyList<string> values);
}
