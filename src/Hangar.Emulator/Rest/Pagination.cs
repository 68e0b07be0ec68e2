using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Hangar.Emulator.Rest;

/// <summary>GitHub's <c>per_page</c>/<c>page</c> paging with a <c>Link</c> header (first/prev/next/last).</summary>
internal static class Pagination
{
    private const int DefaultPerPage = 30;
    private const int MaxPerPage = 100;

    public static IReadOnlyList<T> Page<T>(HttpContext context, IReadOnlyList<T> all)
    {
        var query = context.Request.Query;
        var perPage = Math.Clamp(ParseOr(query["per_page"], DefaultPerPage), 1, MaxPerPage);
        var page = Math.Max(1, ParseOr(query["page"], 1));
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var links = new List<string>();
        if (page > 1)
        {
            links.Add(Link(context, perPage, page - 1, "prev"));
            links.Add(Link(context, perPage, 1, "first"));
        }

        if (page < last)
        {
            links.Add(Link(context, perPage, page + 1, "next"));
            links.Add(Link(context, perPage, last, "last"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        return [.. all.Skip((page - 1) * perPage).Take(perPage)];
    }

    private static int ParseOr(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    private static string Link(HttpContext context, int perPage, int page, string rel)
    {
        var request = context.Request;
        var query = new QueryBuilder(request.Query
            .Where(q => q.Key is not ("per_page" or "page"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { "per_page", perPage.ToString(CultureInfo.InvariantCulture) },
            { "page", page.ToString(CultureInfo.InvariantCulture) },
        };
        return $"<{UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString())}>; rel=\"{rel}\"";
    }
}
