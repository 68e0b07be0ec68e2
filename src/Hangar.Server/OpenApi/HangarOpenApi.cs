using System.Text.Json.Nodes;
using Hangar.Core.Access;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Hangar.Server.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, made from the mapped routes themselves (so it cannot drift from
/// them): each operation says the scope it needs (a bearer security requirement naming the scope, and
/// <c>x-hangar-scope</c>), or <c>x-hangar-open</c> with why it takes no token; every operation documents its errors as
/// RFC 7807 ProblemDetails.
/// </summary>
internal static class HangarOpenApi
{
    public const string Route = "/openapi/{documentName}.json";
    private const string Bearer = "bearer";
    private const string Problem = "ProblemDetails";

    public static IServiceCollection AddHangarOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer(async (document, context, ct) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Hangar",
                    Version = "v1",
                    Description = "Ephemeral self-hosted CI runners. Tokens: `Authorization: Bearer TOKEN`; scopes admin > read, planner apart (docs/planner-api.md).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token: from server.api_tokens or made with POST /api/v1/tokens. Its scope must grant the operation's x-hangar-scope.",
                };
                document.AddComponent(Problem, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct).ConfigureAwait(false));
            });
            options.AddOperationTransformer((operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                if (metadata.OfType<RequiredScope>().FirstOrDefault() is { } required)
                {
                    var scope = ApiScopes.Name(required.Scope);
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [scope] });
                    operation.Extensions["x-hangar-scope"] = new JsonNodeExtension(JsonValue.Create(scope));
                    AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No valid bearer token (or dashboard session, where accepted).");
                    AddProblem(operation, context, StatusCodes.Status403Forbidden, $"The token's scope does not grant '{scope}'.");
                }
                else if (metadata.OfType<OpenRoute>().FirstOrDefault() is { } open)
                {
                    operation.Extensions["x-hangar-open"] = new JsonNodeExtension(JsonValue.Create(open.Reason));
                }

                if (metadata.OfType<DashboardSessionRoute>().Any())
                {
                    operation.Extensions["x-hangar-dashboard-session"] = new JsonNodeExtension(JsonValue.Create(true));
                }

                AddProblem(operation, context, StatusCodes.Status400BadRequest, "The request is malformed (query, body or cursor).");
                AddProblem(operation, context, StatusCodes.Status500InternalServerError, "Hangar failed; the log says why.");
                if (context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
                {
                    AddProblem(operation, context, StatusCodes.Status404NotFound, "No such resource.");
                }

                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapHangarOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(Route).AllowWithoutApiToken("openapi: describes the routes, holds no data");
        return routes;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var existing) && existing.Content?.ContainsKey("application/problem+json") == true)
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = existing?.Description is { Length: > 0 } known ? known : description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, context.Document) },
            },
        };
    }
}
