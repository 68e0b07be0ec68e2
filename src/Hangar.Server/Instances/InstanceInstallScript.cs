using System.Globalization;
using System.Text;
using Hangar.Core.Providers;

namespace Hangar.Server.Instances;

/// <summary>
/// The scripts Hangar hands a provider-built Linux machine: the install script (<c>metadata/install-script</c>), which
/// reports progress, fetches each of the runner's secrets with the instance's token (into its environment, or as files
/// in a directory only it can read), and runs the launch the provider held for it (<see cref="InstanceLaunch"/>): its
/// command, or the actions/runner baked into the image at <c>$RUNNER_DIR</c>. A machine of the stopped tier that boots
/// before it was started (<see cref="InstanceLaunch.Parked"/>) only says so and leaves a per-boot hook for cloud-init,
/// which runs user data once per instance, so that its start fetches the script again. POSIX sh with curl or busybox
/// wget, so it runs on minimal images.
/// </summary>
internal static class InstanceInstallScript
{
    public static string Render(string instance, string instanceBase, string token, InstanceLaunch launch, IEnumerable<string> secretNames)
    {
        var body = launch.Parked ? Parked() : Run(launch, [.. secretNames.Where(n => n != RunnerEnvironment.InstanceToken).Order(StringComparer.Ordinal)]);
        return $$"""
            #!/bin/sh
            # Hangar install script for runner {{instance}}. Served by GET {{Quote(instanceBase)}}/metadata/install-script.
            set -eu
            # Lower-case, so that no runner variable (secrets arrive as upper-case names) can overwrite them.
            hangar_base={{Quote(instanceBase)}}
            hangar_token={{Quote(token)}}

            call() {
                if command -v curl >/dev/null 2>&1; then
                    if [ "$1" = POST ]; then
                        curl -fsS -X POST -H "Authorization: Bearer $hangar_token" -H 'Content-Type: application/json' --data "$3" "$hangar_base/$2"
                    else
                        curl -fsS -H "Authorization: Bearer $hangar_token" "$hangar_base/$2"
                    fi
                elif [ "$1" = POST ]; then
                    wget -qO- --header "Authorization: Bearer $hangar_token" --header 'Content-Type: application/json' --post-data "$3" "$hangar_base/$2"
                else
                    wget -qO- --header "Authorization: Bearer $hangar_token" "$hangar_base/$2"
                fi
            }
            status() { call POST callbacks/status "{\"status\":\"$1\",\"message\":\"$2\"}" >/dev/null || true; }
            fail() { status failed "$1"; echo "hangar: $1" >&2; exit 1; }

            {{body}}
            """;
    }

    private static string Parked() => """
        status installing "prepared: waiting to be started"
        hook=/var/lib/cloud/scripts/per-boot/hangar-runner.sh
        if [ -d "${hook%/*}" ] && [ -w "${hook%/*}" ]; then
            {
                echo '#!/bin/sh'
                echo "curl -fsS -H 'Authorization: Bearer $hangar_token' -o /tmp/hangar-install.sh '$hangar_base/metadata/install-script' || wget -qO /tmp/hangar-install.sh --header 'Authorization: Bearer $hangar_token' '$hangar_base/metadata/install-script'"
                echo 'exec sh /tmp/hangar-install.sh'
            } > "$hook"
            chmod 0700 "$hook"
        fi
        exit 0

        """;

    private static string Run(InstanceLaunch launch, IReadOnlyList<string> secretNames)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in launch.Env.Where(e => e.Key != RunnerEnvironment.CredentialsDirectory))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"export {name}={Quote(value)}");
        }

        text.AppendLine("status installing \"fetching the runner credential\"");
        if (launch.Delivery == CredentialDelivery.File)
        {
            // Secrets only as files: a plain value named like one must not pose as it.
            text.AppendLine("umask 077");
            text.AppendLine("hangar_credentials=$(mktemp -d)");
            text.AppendLine(CultureInfo.InvariantCulture, $"printf '%s' \"$hangar_token\" > \"$hangar_credentials/{RunnerEnvironment.InstanceToken}\"");
            foreach (var name in secretNames)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{Fetch(name)} > \"$hangar_credentials\"/{Quote(name)} || fail \"could not fetch the runner credential\"");
                if (RunnerEnvironment.IsValidVariableName(name))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"unset {name}");
                }
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"export {RunnerEnvironment.CredentialsDirectory}=\"$hangar_credentials\"");
        }
        else
        {
            foreach (var name in secretNames)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{name}=$({Fetch(name)}) || fail \"could not fetch the runner credential\"; export {name}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"export {RunnerEnvironment.InstanceToken}=\"$hangar_token\"");
        }

        if (launch.Command.Count > 0)
        {
            text.AppendLine("status idle \"runner started\"");
            text.AppendLine("exec " + string.Join(' ', launch.Command.Select(Quote)));
            return text.ToString();
        }

        text.Append("""
            RUNNER_DIR="${RUNNER_DIR:-/home/runner/actions-runner}"
            [ -x "$RUNNER_DIR/run.sh" ] || fail "no runner in RUNNER_DIR (bake actions/runner into the image or set RUNNER_DIR)"
            status installing "starting the runner"
            cd "$RUNNER_DIR"
            status idle "runner started"
            exec ./run.sh

            """);
        return text.ToString();
    }

    private static string Fetch(string name) => "call GET " + Quote("metadata/credentials/env/" + Uri.EscapeDataString(name));

    /// <summary>A unit that runs the runner from <c>/home/{user}/actions-runner</c> once (an ephemeral runner exits after its job).</summary>
    public static string UnitFile(string instance, string? runAsUser)
    {
        var user = string.IsNullOrWhiteSpace(runAsUser) ? "runner" : runAsUser.Trim();
        return $"""
            [Unit]
            Description=GitHub Actions runner {instance} (Hangar)
            After=network-online.target
            Wants=network-online.target

            [Service]
            User={user}
            WorkingDirectory=/home/{user}/actions-runner
            ExecStart=/home/{user}/actions-runner/run.sh
            Restart=no
            KillMode=process
            TimeoutStopSec=5min

            [Install]
            WantedBy=multi-user.target

            """;
    }

    /// <summary>Single-quoted for sh: nothing inside is expanded.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
