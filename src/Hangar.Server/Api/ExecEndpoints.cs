using System.Text.Json;
using System.Threading.Channels;
using Hangar.Agent.Protocol;
using Hangar.Agent.Protocol.V1;
using Hangar.Configuration;
using Hangar.Core.Access;
using Hangar.Engine;
using Hangar.Server.Agent;
using Hangar.Server.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hangar.Server.Api;

/// <summary>
/// <c>POST /pools/{pool}/exec?arg=CMD&amp;arg=ARG…</c> (admin scope): <c>hangar exec --server</c>. The body is the input
/// archive (tar + Snappy framing, may be empty); the answer is NDJSON, one object a line: <c>log</c> (stream, line),
/// <c>output</c> (name, value), one <c>result</c> (exit_code, error, deleted, archive_size), then the
/// output archive as <c>archive</c> lines (base64 data) and <c>end</c>; <c>error</c> when Hangar itself failed. Only
/// <c>exec_only</c> pools; the client going away cancels the task, and the machine is destroyed either way.
/// </summary>
internal static class ExecEndpoints
{
    private const int ArchiveChunk = 192 * 1024;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/pools/{pool}/exec", RunAsync).RequireScope(ApiScope.Admin);

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> RunAsync(
        HttpContext context, string pool, [FromQuery] string[]? arg, HangarConfig config, ExecRunner runner, AgentEndpointAddress address)
    {
        var spec = config.Engine.Pools.FirstOrDefault(p => p.Name == pool);
        if (spec is null)
        {
            return ApiProblems.NotFound($"no pool named '{pool}'");
        }

        if (!spec.ExecOnly)
        {
            return TypedResults.Problem($"pool '{pool}' makes runners; hangar exec through the server runs on exec_only pools", statusCode: StatusCodes.Status409Conflict);
        }

        if (arg is not { Length: > 0 })
        {
            return ApiProblems.BadQuery("the command is missing: arg=COMMAND&arg=ARG…");
        }

        if (address.Value is null)
        {
            return TypedResults.Problem("no agent endpoint is configured (server.agent)", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var request = new ExecRequest { Command = arg };
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = request.MaxArchiveBytes;
        }
        var work = Directory.CreateTempSubdirectory("hangar-exec-api-");
        try
        {
            var input = Path.Combine(work.FullName, "input.sz");
            var file = File.Create(input);
            await using (file.ConfigureAwait(false))
            {
                await context.Request.Body.CopyToAsync(file, context.RequestAborted).ConfigureAwait(false);
            }

            await StreamAsync(context, runner, pool, request with { InputArchive = input, OutputArchive = Path.Combine(work.FullName, "output.sz") }).ConfigureAwait(false);
            return TypedResults.Empty;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task StreamAsync(HttpContext context, ExecRunner runner, string pool, ExecRequest request)
    {
        var response = context.Response;
        response.ContentType = "application/x-ndjson";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var lines = Channel.CreateUnbounded<object>();
        var writing = WriteLinesAsync(response, lines.Reader, context.RequestAborted);
        try
        {
            var outcome = await runner.RunAsync(pool, request, new ChannelSink(lines.Writer), context.RequestAborted).ConfigureAwait(false);
            var archive = new FileInfo(request.OutputArchive!);
            lines.Writer.TryWrite(new ExecLine("result")
            {
                ExitCode = outcome.ExitCode, Error = outcome.Error, Deleted = outcome.Deleted, ArchiveSize = archive.Exists ? archive.Length : 0,
            });
            if (archive.Exists && archive.Length > 0)
            {
                await SendArchiveAsync(archive.FullName, lines.Writer, context.RequestAborted).ConfigureAwait(false);
            }

            lines.Writer.TryWrite(new ExecLine("end"));
        }
        catch (Exception ex) when (ex is ExecProtocolException or InvalidOperationException or IOException or ArchiveLimitException)
        {
            lines.Writer.TryWrite(new ExecLine("error") { Error = ex.Message });
        }
        finally
        {
            lines.Writer.TryComplete();
            await writing.ConfigureAwait(false);
        }
    }

    private static async Task SendArchiveAsync(string path, ChannelWriter<object> lines, CancellationToken ct)
    {
        var buffer = new byte[ArchiveChunk];
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            int read;
            while ((read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false)) > 0)
            {
                // Base64 in the NDJSON keeps one stream and one parser; the copy is the price (loopback or a LAN).
                await lines.WriteAsync(new ExecLine("archive") { Data = Convert.ToBase64String(buffer, 0, read) }, ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteLinesAsync(HttpResponse response, ChannelReader<object> lines, CancellationToken ct)
    {
        var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        try
        {
            await foreach (var line in lines.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await response.WriteAsync(JsonSerializer.Serialize(line, line.GetType(), json) + "\n", ct).ConfigureAwait(false);
                if (lines.Count == 0)
                {
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client went away: the task is cancelled through the same token, and its machine destroyed.
        }
    }

    private sealed class ChannelSink(ChannelWriter<object> lines) : IExecSink
    {
        public void Log(LogStream stream, string line) =>
            lines.TryWrite(new ExecLine("log") { Stream = stream == LogStream.Stderr ? "stderr" : "stdout", Line = line });

        public void Output(string name, string value) => lines.TryWrite(new ExecLine("output") { Name = name, Value = value });
    }
}
