using Hangar.Agent.Protocol.V1;
using Hangar.Core.Instances;
using Hangar.Server.Agent;

namespace Hangar.Server.Tests.Agent;

/// <summary>
/// <c>hangar exec</c>'s whole path over real gRPC on loopback: a fresh instance (a local process, a Docker container)
/// whose Native AOT agent dials in with its instance token, inputs up, logs live, changed files back, instance gone.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecRoundTripTests
{
    // Writes, changes and deletes text, binary, a 100 MB file, an executable and a symlink; prints on both streams;
    // records what of the instance's secrets it can see.
    private const string Task = """
        set -e
        echo changed >> a.txt
        rm del.txt
        head -c 104857600 /dev/urandom > big.bin
        printf '\000\001\002\377' > bin.dat
        printf '#!/bin/sh\necho hi\n' > run.sh
        chmod +x run.sh
        ln -s a.txt link
        mkdir -p deep/er && echo x > deep/er/new.txt
        env > env.txt
        echo to-stdout
        echo to-stderr >&2
        exit 7
        """;

    [Fact]
    public async Task Exec_OnProcessProvider_ReturnsExactlyTheChangedFilesAndTheExitCode_AndDestroysTheInstance()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await ExecFixture.StartAsync(cts.Token);
        var input = host.Temp("input");
        await File.WriteAllTextAsync(Path.Combine(input, "a.txt"), "hello\n", cts.Token);
        await File.WriteAllTextAsync(Path.Combine(input, "keep.txt"), "untouched\n", cts.Token);
        await File.WriteAllTextAsync(Path.Combine(input, "del.txt"), "bye\n", cts.Token);
        var mapped = Path.Combine(host.Temp("mapped"), "extra.bin");
        await File.WriteAllBytesAsync(mapped, [1, 2, 3], cts.Token);
        var output = host.Temp("output");
        var sink = new RecordingExecSink();

        var outcome = await host.RunAsync("proc", new ExecRequest
        {
            Command = ["sh", "-c", Task],
            Inputs = [(input, ""), (mapped, "sub/extra.bin")],
            OutputDirectory = output,
        }, sink, cts.Token);

        outcome.ExitCode.ShouldBe(7);
        outcome.Error.ShouldBeEmpty();
        outcome.Deleted.ShouldBe(["del.txt"]);
        Directory.EnumerateFileSystemEntries(output, "*", SearchOption.AllDirectories)
            .Where(p => !Directory.Exists(p) || new DirectoryInfo(p).LinkTarget is not null)
            .Select(p => Path.GetRelativePath(output, p)).Order(StringComparer.Ordinal)
            .ShouldBe(["a.txt", "big.bin", "bin.dat", "deep/er/new.txt", "env.txt", "link", "run.sh"]);
        (await File.ReadAllTextAsync(Path.Combine(output, "a.txt"), cts.Token)).ShouldBe("hello\nchanged\n");
        new FileInfo(Path.Combine(output, "big.bin")).Length.ShouldBe(104857600);
        (await File.ReadAllBytesAsync(Path.Combine(output, "bin.dat"), cts.Token)).ShouldBe(new byte[] { 0, 1, 2, 255 });
        File.GetUnixFileMode(Path.Combine(output, "run.sh")).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue();
        new FileInfo(Path.Combine(output, "link")).LinkTarget.ShouldBe("a.txt");
        var env = await File.ReadAllTextAsync(Path.Combine(output, "env.txt"), cts.Token);
        env.ShouldNotContain("HANGAR_INSTANCE_TOKEN");
        env.ShouldNotContain("hgi_");
        sink.Lines.ShouldContain((LogStream.Stdout, "to-stdout"));
        sink.Lines.ShouldContain((LogStream.Stderr, "to-stderr"));

        var row = (await host.Store.GetInstanceAsync(host.LastInstance, cts.Token)).ShouldNotBeNull();
        row.State.ShouldBe(InstanceState.Deleted);
        (await host.Provider("local").ListAsync(cancellationToken: cts.Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Exec_InDockerContainer_PropagatesTheExitCodeAndReturnsTheFile_AndRemovesTheContainer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var host = await ExecFixture.StartAsync(cts.Token);
        var output = host.Temp("output");
        var sink = new RecordingExecSink();

        var outcome = await host.RunAsync("box", new ExecRequest
        {
            Command = ["sh", "-c", "echo from-container > made.txt; echo done; exit 3"],
            OutputDirectory = output,
        }, sink, cts.Token);

        outcome.ExitCode.ShouldBe(3);
        (await File.ReadAllTextAsync(Path.Combine(output, "made.txt"), cts.Token)).ShouldBe("from-container\n");
        sink.Lines.ShouldContain((LogStream.Stdout, "done"));
        (await host.Provider("docker").ListAsync(cancellationToken: cts.Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Exec_Cancelled_StopsTheTaskAndStillDestroysTheInstance()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var host = await ExecFixture.StartAsync(cts.Token);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var sink = new RecordingExecSink();

        var run = host.RunAsync("proc", new ExecRequest { Command = ["sh", "-c", "echo started; exec sleep 600"] }, sink, interrupt.Token);
        await sink.FirstLine.Task.WaitAsync(cts.Token);
        await interrupt.CancelAsync();
        var outcome = await run.WaitAsync(cts.Token);

        outcome.Error.ShouldContain("cancelled");
        (await host.Store.GetInstanceAsync(host.LastInstance, cts.Token)).ShouldNotBeNull().State.ShouldBe(InstanceState.Deleted);
        (await host.Provider("local").ListAsync(cancellationToken: cts.Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Exec_TaskWritingMoreLogThanTheLimit_IsStoppedWithAClearError()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var host = await ExecFixture.StartAsync(cts.Token);

        var outcome = await host.RunAsync("proc", new ExecRequest
        {
            Command = ["sh", "-c", "while true; do echo 0123456789abcdef0123456789abcdef; done"],
            MaxLogBytes = 64 * 1024,
        }, new RecordingExecSink(), cts.Token);

        outcome.Error.ShouldContain("log stream is over its limit of 65536 bytes");
    }
}
