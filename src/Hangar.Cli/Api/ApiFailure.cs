using System.Net;
using System.Text.Json;

namespace Hangar.Cli.Api;

/// <summary>
/// One readable line for an answer that is not a success. The server's errors are ProblemDetails: a 404's detail
/// already names what is missing ("no runner named 'x'"), so it is shown alone; a refusal shows its status and title
/// with the detail, which says what the token lacks.
/// </summary>
internal static class ApiFailure
{
    public static CliException From(Uri server, HttpStatusCode status, string body)
    {
        var (title, detail) = Read(body);
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.NotFound when detail is not null => new CliException(detail, ExitCodes.NotFound),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new CliException($"{Origin(server)} refused the request: {code} {title ?? status.ToString()}{(detail is null ? "" : $": {detail}")}", ExitCodes.Unavailable),
            _ => new CliException($"{Origin(server)} answered {code} {title ?? status.ToString()}{(detail is null ? "" : $": {detail}")}", ExitCodes.Unavailable),
        };
    }

    public static string Origin(Uri server) => server.GetLeftPart(UriPartial.Authority);

    private static (string? Title, string? Detail) Read(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Shorten(body));
            }

            return (Text(doc.RootElement, "title"), Text(doc.RootElement, "detail"));
        }
        catch (JsonException)
        {
            return (null, Shorten(body));
        }
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // A proxy's HTML error page would otherwise fill the screen; the first line of it is enough to recognise it.
    private static string? Shorten(string body)
    {
        var line = body.Split('\n', 2)[0].Trim();
        return line.Length == 0 ? null : line.Length > 200 ? line[..200] + "…" : line;
    }
}
