using System.Runtime.Versioning;

namespace Hangar.Testing.Tart;

/// <summary>
/// Deterministic crash points inside a Tart create, without a hook in Hangar: a wrapper of the Tart double, named as
/// the provider's <c>executable</c>, that holds at the <see cref="TartCreateStep"/> chosen with <see cref="StopAt"/>
/// until <see cref="Release"/> or until its caller is gone. <c>clone</c> and <c>set</c> hold after they succeeded (the
/// first such call only). <c>tart run</c> is the VM's lifetime and never returns to Hangar, so for
/// <see cref="TartCreateStep.Running"/> every <c>tart list</c> after a run holds: the provider is then between starting
/// the VM and seeing it run. A test waits for <see cref="Reached"/> and kills Hangar exactly there.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TartStops
{
    private readonly string _control;

    public TartStops(string directory, string tart)
    {
        _control = directory;
        Directory.CreateDirectory(directory);
        Executable = Path.Combine(directory, "tart");
        File.WriteAllText(Executable, $$"""
            #!/bin/sh
            control='{{directory}}'
            stop="$(cat "$control/stop" 2>/dev/null)"
            hold() {
              while kill -0 "$PPID" 2>/dev/null && [ ! -e "$control/release" ]; do sleep 0.1; done
            }
            case "$1" in
              run)
                if [ "$stop" = Running ]; then : >"$control/ran"; fi
                exec '{{tart}}' "$@" ;;
              list)
                if [ "$stop" = Running ] && [ -e "$control/ran" ]; then
                  mkdir "$control/reached-Running" 2>/dev/null
                  hold
                fi
                exec '{{tart}}' "$@" ;;
            esac
            '{{tart}}' "$@"
            rc=$?
            case "$1" in
              clone) step=Cloned ;;
              set) step=Set ;;
              *) step="" ;;
            esac
            if [ "$rc" -eq 0 ] && [ -n "$step" ] && [ "$stop" = "$step" ] && mkdir "$control/reached-$step" 2>/dev/null; then
              hold
            fi
            exit "$rc"

            """);
        File.SetUnixFileMode(Executable, (UnixFileMode)0b111_101_101);
    }

    /// <summary>The wrapper: the provider's <c>executable</c>.</summary>
    public string Executable { get; }

    /// <summary>From now on the create holds at <paramref name="step"/>; null: nowhere.</summary>
    public void StopAt(TartCreateStep? step)
    {
        File.Delete(Path.Combine(_control, "release"));
        File.Delete(Path.Combine(_control, "ran"));
        File.WriteAllText(Path.Combine(_control, "stop"), step?.ToString() ?? "");
    }

    /// <summary>A create got to <paramref name="step"/> and holds there.</summary>
    public bool Reached(TartCreateStep step) => Directory.Exists(Path.Combine(_control, $"reached-{step}"));

    /// <summary>Lets every holding call go on.</summary>
    public void Release() => File.WriteAllText(Path.Combine(_control, "release"), "");
}
