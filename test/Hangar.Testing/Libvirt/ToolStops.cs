using System.Runtime.Versioning;

namespace Hangar.Testing.Libvirt;

/// <summary>
/// Deterministic crash points inside a libvirt create, without a hook in Hangar: wrappers named <c>virsh</c>,
/// <c>qemu-img</c> and <c>genisoimage</c> that run the real tool and, when that call is the <see cref="CreateStep"/>
/// chosen with <see cref="StopAt"/>, hold there (the first such call only) until <see cref="Release"/> or until their
/// caller is gone. A test puts <see cref="BinDirectory"/> first on a server's <c>PATH</c> (or names the wrappers in the
/// provider's options), waits for <see cref="Reached"/>, and SIGKILLs the server exactly there.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ToolStops
{
    private readonly string _control;

    public ToolStops(string directory)
    {
        _control = directory;
        BinDirectory = Path.Combine(directory, "bin");
        Directory.CreateDirectory(BinDirectory);
        Write("virsh", """
            case " $* " in
              *" define "*) step=Defined ;;
              *" start "*) step=Started ;;
            esac
            """);
        Write("qemu-img", """
            case " $* " in
              *" create "*) step=OverlayMade ;;
            esac
            """);
        Write("genisoimage", "step=SeedWritten");
    }

    /// <summary>Holds the wrappers; first on <c>PATH</c>, they stand in for the real tools.</summary>
    public string BinDirectory { get; }

    public string Virsh => Path.Combine(BinDirectory, "virsh");

    /// <summary>From now on the first call that completes <paramref name="step"/> holds; null: none does.</summary>
    public void StopAt(CreateStep? step)
    {
        File.Delete(Path.Combine(_control, "release"));
        File.WriteAllText(Path.Combine(_control, "stop"), step?.ToString() ?? "");
    }

    /// <summary>A call completed <paramref name="step"/> and holds there.</summary>
    public bool Reached(CreateStep step) => Directory.Exists(Path.Combine(_control, $"reached-{step}"));

    /// <summary>Lets a holding call return (with the real tool's exit code).</summary>
    public void Release() => File.WriteAllText(Path.Combine(_control, "release"), "");

    private void Write(string tool, string stepOfCall)
    {
        var real = RealTool(tool);
        var path = Path.Combine(BinDirectory, tool);
        File.WriteAllText(path, $$"""
            #!/bin/sh
            # Runs the real {{tool}}; when this call completes the step named in {{_control}}/stop (its first call
            # only), holds as a killed Hangar would have stopped: until released or until its caller is gone.
            '{{real}}' "$@"
            rc=$?
            step=""
            {{stepOfCall}}
            if [ "$rc" -eq 0 ] && [ -n "$step" ] && [ "$(cat '{{_control}}/stop' 2>/dev/null)" = "$step" ] \
                && mkdir '{{_control}}'/"reached-$step" 2>/dev/null; then
              while kill -0 "$PPID" 2>/dev/null && [ ! -e '{{_control}}/release' ]; do sleep 0.1; done
            fi
            exit "$rc"

            """);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    private static string RealTool(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{tool} is not on PATH; run `bash eng/start-libvirt.sh` (it installs it)");
}
