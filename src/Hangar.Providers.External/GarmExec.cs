using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hangar.Providers.External;

/// <summary>
/// Runs the provider executable as GARM does: no arguments, a clean environment (the <c>GARM_*</c> variables of the
/// configured interface version plus the host variables whose names start with a configured prefix, proxies always
/// looked up, nothing starting with <c>GARM</c> forwarded), the bootstrap JSON or nothing on stdin (never a terminal),
/// stdout and stderr captured, killed with its process tree at <see cref="ExternalProviderOptions.ExecTimeout"/>.
/// </summary>
internal sealed class GarmExec(ExternalProviderOptions options, IDictionary hostEnvironment, TimeProvider time, ILogger logger)
{
    private static readonly string[] ProxyPrefixes = ["http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];

    public async Task<GarmExecResult> RunAsync(GarmCall call, string? extraSpecsBase64, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (name, value) in Environment(call, extraSpecsBase64))
        {
            start.Environment[name] = value;
        }

        using var timeout = options.ExecTimeout > TimeSpan.Zero ? new CancellationTokenSource(options.ExecTimeout, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var process = Process.Start(start) ?? throw new ExternalProviderException($"provider {options.Name}: {options.Executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            try
            {
                await process.StandardInput.WriteAsync(call.Stdin ?? "").ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The provider exited without reading its stdin; its exit code says what happened.
            }

            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            ExternalProviderLog.Killed(logger, options.Name, call.Command, options.ExecTimeout);
            throw new ExternalProviderException($"provider {options.Name}: {call.Command} did not finish within {options.ExecTimeout} and was killed");
        }

        var result = new GarmExecResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        ExternalProviderLog.Ran(logger, options.Name, call.Command, call.InstanceId ?? call.PoolId ?? "", result.ExitCode);
        return result;
    }

    private IEnumerable<(string Name, string Value)> Environment(GarmCall call, string? extraSpecsBase64)
    {
        var prefixes = options.Environment.Concat(ProxyPrefixes).Where(p => p.Length > 0).ToArray();
        foreach (DictionaryEntry entry in hostEnvironment)
        {
            var name = (string)entry.Key;
            if (!name.StartsWith("GARM", StringComparison.Ordinal) && prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                yield return (name, (string?)entry.Value ?? "");
            }
        }

        yield return ("GARM_COMMAND", call.Command);
        yield return ("GARM_CONTROLLER_ID", options.ControllerId);
        yield return ("GARM_PROVIDER_CONFIG_FILE", options.ConfigFile);
        yield return ("GARM_INTERFACE_VERSION", options.InterfaceVersion);
        if (call.PoolId is not null && GarmCommand.IsPoolScoped(call.Command, options.InterfaceVersion))
        {
            yield return ("GARM_POOL_ID", call.PoolId);
            if (options.InterfaceVersion == ExternalProviderOptions.V011)
            {
                yield return ("GARM_POOL_EXTRASPECS", extraSpecsBase64 ?? Convert.ToBase64String("{}"u8));
            }
        }

        if (call.InstanceId is not null)
        {
            yield return ("GARM_INSTANCE_ID", call.InstanceId);
        }
    }
}
