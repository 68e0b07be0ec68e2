using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hangar.Bench.Harness;

/// <summary>The physical reference: Kestrel with the same slim builder, answering 202 without doing anything.</summary>
internal static class BareServer
{
    public static async Task<WebApplication> StartAsync(string listen, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen);
        var app = builder.Build();
        app.MapPost("/webhooks/github", () => TypedResults.StatusCode(StatusCodes.Status202Accepted));
        app.MapGet("/readyz", () => TypedResults.Text("ready"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }
}
