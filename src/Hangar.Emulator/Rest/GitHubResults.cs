using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Hangar.Emulator.Rest;

internal static class GitHubResults
{
    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToJsonString(), "application/json; charset=utf-8", null, status);

    public static IResult Error(int status, string message, string documentationUrl = GitHubJson.DocumentationUrl) =>
        Json(GitHubJson.Error(message, status, documentationUrl), status);

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "Not Found");
}
