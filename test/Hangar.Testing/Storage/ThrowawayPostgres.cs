using System.Diagnostics;

namespace Hangar.Testing.Storage;

/// <summary>
/// A PostgreSQL cluster of a test's own (initdb + pg_ctl in a temp directory, on a free loopback port, as user postgres
/// when the tests run as root), for tests that restart or stop the server: the shared server on port 55432 is never
/// restarted, since other tests use it at the same time. Needs PostgreSQL 15's binaries (eng/start-postgres.sh installs them).
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private ThrowawayPostgres(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "pg_ctl")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}); run `bash eng/start-postgres.sh` as root, which installs it");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("hangar-pg-throwaway-").FullName;
        var server = new ThrowawayPostgres(directory, LoopbackPort.Free());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        await server.AsOwnerAsync("initdb", "-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await server.PgCtlAsync("start");
        return server;
    }

    /// <summary>A fast restart (<c>pg_ctl restart -m fast</c>): every connection is cut, the server is back when this returns.</summary>
    public Task RestartAsync() => PgCtlAsync("restart", "-m", "fast");

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) until <see cref="StartAgainAsync"/>: the database is down.</summary>
    public Task StopAsync() => PgCtlAsync("stop", "-m", "fast");

    public Task StartAgainAsync() => PgCtlAsync("start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsOwnerAsync(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(Directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private Task PgCtlAsync(string command, params string[] more) => AsOwnerAsync(
        Path.Combine(Bin, "pg_ctl"),
        ["-D", Path.Combine(Directory, "data"), "-l", Path.Combine(Directory, "server.log"), "-w", "-t", "60",
         "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {Directory} -c max_connections=200", .. more, command]);

    private Task AsOwnerAsync(string program, params string[] args)
    {
        var path = program.Contains('/', StringComparison.Ordinal) ? program : Path.Combine(Bin, program);
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
