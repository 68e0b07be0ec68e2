using System.Net.Http.Headers;
using System.Text.Json;
using Hangar.Agent.Protocol;
using Hangar.Server.Agent;

namespace Hangar.Cli.Commands;

/// <summary>
/// <c>hangar exec --server URL --token TOKEN</c>: the same run through a running server (<c>POST
/// /api/v1/pools/{pool}/exec</c>, admin scope): inputs packed here and sent as the body, logs printed as they come, the
/// changed files' archive received and extracted here (with the same refusal of entries escaping the output).
/// </summary>
internal static class RemoteExec
{
    public static async Task<int> RunAsync(HttpClient http, string pool, ExecRequest request, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("hangar-exec-client-");
        try
        {
            var input = Path.Combine(work.FullName, "input.sz");
            var file = File.Create(input);
            await using (file)
            {
                await ExecInputArchive.PackAsync(request.Inputs, file, request.MaxArchiveBytes, ct);
            }

            var query = string.Join('&', request.Command.Select(a => "arg=" + Uri.EscapeDataString(a)));
            using var body = new StreamContent(File.OpenRead(input));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.PostAsync($"api/v1/pools/{Uri.EscapeDataString(pool)}/exec?{query}", body, ct);
            if (!response.IsSuccessStatusCode)
            {
                var problem = await response.Content.ReadAsStringAsync(ct);
                await Console.Error.WriteLineAsync($"hangar exec: {http.BaseAddress} answered {(int)response.StatusCode}: {Api.ApiListReader.ProblemDetail(problem)}");
                return ExecCommand.HangarFailed;
            }

            return await ReadAsync(await response.Content.ReadAsStreamAsync(ct), request.OutputDirectory, Path.Combine(work.FullName, "output.sz"), request.MaxArchiveBytes, ct);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<int> ReadAsync(Stream stream, string? outputDirectory, string archivePath, long maxArchiveBytes, CancellationToken ct)
    {
        using var reader = new StreamReader(stream);
        var archive = File.Create(archivePath);
        int? exitCode = null;
        await using (archive)
        {
            while (await reader.ReadLineAsync(ct) is { } text)
            {
                using var line = JsonDocument.Parse(text);
                var root = line.RootElement;
                switch (root.GetProperty("type").GetString())
                {
                    case "log" when root.GetProperty("stream").GetString() == "stderr":
                        await Console.Error.WriteLineAsync(root.GetProperty("line").GetString());
                        break;
                    case "log":
                        await Console.Out.WriteLineAsync(root.GetProperty("line").GetString());
                        break;
                    case "output":
                        await Console.Error.WriteLineAsync($"hangar exec: output {root.GetProperty("name").GetString()}={root.GetProperty("value").GetString()}");
                        break;
                    case "result":
                        exitCode = root.GetProperty("exit_code").GetInt32();
                        foreach (var deleted in root.TryGetProperty("deleted", out var list) ? list.EnumerateArray() : default)
                        {
                            await Console.Error.WriteLineAsync($"hangar exec: deleted {deleted.GetString()}");
                        }

                        if (root.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 } message)
                        {
                            await Console.Error.WriteLineAsync($"hangar exec: {message}");
                        }

                        break;
                    case "archive":
                        await archive.WriteAsync(Convert.FromBase64String(root.GetProperty("data").GetString()!), ct);
                        if (archive.Length > maxArchiveBytes)
                        {
                            throw new ArchiveLimitException("the archive", maxArchiveBytes);
                        }

                        break;
                    case "error":
                        await Console.Error.WriteLineAsync($"hangar exec: {root.GetProperty("error").GetString()}");
                        return ExecCommand.HangarFailed;
                    case "end":
                        if (outputDirectory is not null && archive.Length > 0)
                        {
                            archive.Position = 0;
                            await TaskArchive.ExtractAsync(archive, outputDirectory, maxArchiveBytes, ct);
                        }

                        return exitCode ?? ExecCommand.HangarFailed;
                    default:
                        break;
                }
            }
        }

        await Console.Error.WriteLineAsync("hangar exec: the server's answer ended before the task's end");
        return ExecCommand.HangarFailed;
    }
}
