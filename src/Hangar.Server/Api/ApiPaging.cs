using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hangar.Server.Api;

internal static class ApiPaging
{
    /// <summary>
    /// The page out of <paramref name="rows"/>, which the store read with <see cref="PageRequest.StoreLimit"/>: a row
    /// beyond the limit means there is a next page, which starts after the page's last row. The next page's URL is this
    /// request's with the cursor replaced, so it keeps the filters and the limit.
    /// </summary>
    public static Ok<ListPage<TView>> Page<TRow, TView>(
        HttpRequest request, PageRequest page, IReadOnlyList<TRow> rows, Func<TRow, string> cursorOf, Func<TRow, TView> view)
    {
        string? next = null;
        if (rows.Count > page.Limit)
        {
            next = cursorOf(rows[page.Limit - 1]);
            request.HttpContext.Response.Headers.Link = $"<{NextUrl(request, next)}>; rel=\"next\"";
        }

        return TypedResults.Ok(new ListPage<TView>([.. rows.Take(page.Limit).Select(view)], next));
    }

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = request.Query
            .Where(q => q.Key != "cursor")
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("cursor", (string?)cursor));
        return $"{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }
}
