namespace Hangar.Forges.GitHub;

/// <summary>Reads GitHub's RFC 8288 <c>Link</c> header, e.g. <c>&lt;https://...&amp;page=2&gt;; rel="next", &lt;...&gt;; rel="last"</c>.</summary>
internal static class GitHubLinkHeader
{
    public static string? FindNext(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) ? FindNext(string.Join(',', values)) : null;

    public static string? FindNext(string header)
    {
        var position = 0;
        while (position < header.Length)
        {
            var open = header.IndexOf('<', position);
            if (open < 0)
            {
                return null;
            }

            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            var nextOpen = header.IndexOf('<', close + 1);
            var parameters = header.AsSpan(close + 1, (nextOpen < 0 ? header.Length : nextOpen) - close - 1);
            if (HasNextRelation(parameters))
            {
                return header[(open + 1)..close];
            }

            position = close + 1;
        }

        return null;
    }

    private static bool HasNextRelation(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim().TrimEnd(',').Trim();
            if (!parameter.StartsWith("rel=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // rel may list several relation types separated by spaces (rel="next last").
            var value = parameter[4..].Trim('"');
            foreach (var relation in value.Split(' '))
            {
                if (value[relation].Equals("next", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
