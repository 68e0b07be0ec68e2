using System.Globalization;
using System.Text.Json;

namespace Hangar.Cli.Api;

/// <summary>
/// Reads a paged list of the REST API to its end (or up to a limit) by following each page's <c>next_cursor</c>.
/// Pages are asked at the server's maximum size, so a list of any length costs one request per thousand rows.
/// </summary>
internal sealed class ApiListReader(HttpClient http)
{
    /// <summary>The server's largest page (<c>limit</c> above it is refused).</summary>
    public const int MaxPage = 1000;

    /// <param name="path">The list's path and query, e.g. <c>api/v1/runners?failed=true</c>.</param>
    /// <param name="limit">At most this many items; null for all.</param>
    /// <exception cref="CliException">The server refused, or answered with something other than a page.</exception>
    public async Task<ApiList> ReadAsync(string path, int? limit, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        while (true)
        {
            var size = Math.Min(MaxPage, limit is { } max ? max - items.Count : MaxPage);
            var url = $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}limit={size.ToString(CultureInfo.InvariantCulture)}"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ApiFailure.From(http.BaseAddress!, response.StatusCode, body);
            }

            using var page = ParsePage(body, path);
            if (page.RootElement.ValueKind != JsonValueKind.Object || !page.RootElement.TryGetProperty("items", out var pageItems)
                || pageItems.ValueKind != JsonValueKind.Array)
            {
                throw NotAList($"answered {path} with something other than a page of items");
            }

            items.AddRange(pageItems.EnumerateArray().Select(e => e.Clone()));
            var next = page.RootElement.TryGetProperty("next_cursor", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (next is null)
            {
                return new ApiList(items, false);
            }

            if (limit is { } cap && items.Count >= cap)
            {
                return new ApiList(items, true);
            }

            if (next == cursor)
            {
                // A server that hands back the cursor it was given would keep this loop going forever.
                throw NotAList($"returned the same cursor twice for {path}");
            }

            cursor = next;
        }
    }

    private CliException NotAList(string what) => new($"{ApiFailure.Origin(http.BaseAddress!)} {what}", ExitCodes.Unavailable);

    private JsonDocument ParsePage(string body, string path)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw NotAList($"answered {path} with something other than JSON; is it a Hangar server?");
        }
    }

    public static string ProblemDetail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("detail", out var d) ? d.ToString()
                : doc.RootElement.TryGetProperty("title", out var t) ? t.ToString() : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
