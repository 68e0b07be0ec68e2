using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hangar.Server.Api;

internal static class ApiProblems
{
    public static ProblemHttpResult BadQuery(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: detail);

    public static ProblemHttpResult BadCursor(string cursor) =>
        BadQuery($"cursor '{(cursor.Length > 64 ? cursor[..64] + "…" : cursor)}' is not one this list gave out");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}
