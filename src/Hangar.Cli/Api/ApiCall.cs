namespace Hangar.Cli.Api;

/// <summary>One call to the REST API whose answer the command prints; a refusal or an unreachable server is one line.</summary>
internal static class ApiCall
{
    /// <summary>The answer's body, or null after printing the one-line reason there is none.</summary>
    public static async Task<string?> SendAsync(string server, Func<Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        try
        {
            using var response = await call();
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            Console.Error.WriteLine($"hangar: {server} answered {(int)response.StatusCode}: {ApiListReader.ProblemDetail(body)}");
            return null;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"hangar: cannot reach {server}: {ex.Message}");
            return null;
        }
    }
}
