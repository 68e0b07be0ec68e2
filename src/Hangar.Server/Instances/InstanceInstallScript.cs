namespace Hangar.Server.Instances;

/// <summary>
/// The scripts Hangar hands a provider-built Linux machine: the install script (<c>metadata/install-script</c>), which
/// reports progress, fetches the one-job JIT config with the instance's token and starts the runner from
/// <c>$RUNNER_DIR</c> (the actions/runner baked into the image), and a systemd unit for images that prefer one. POSIX
/// sh with curl or busybox wget, so it runs on minimal images.
/// </summary>
internal static class InstanceInstallScript
{
    public static string Render(string instance, string instanceBase, string token) => $$"""
        #!/bin/sh
        # Hangar install script for runner {{instance}}: report progress, fetch the one-job JIT config with this
        # instance's token, start the runner. Served by GET {{Quote(instanceBase)}}/metadata/install-script.
        set -eu
        BASE={{Quote(instanceBase)}}
        TOKEN={{Quote(token)}}
        RUNNER_DIR="${RUNNER_DIR:-/home/runner/actions-runner}"

        call() {
            if command -v curl >/dev/null 2>&1; then
                if [ "$1" = POST ]; then
                    curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data "$3" "$BASE/$2"
                else
                    curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/$2"
                fi
            elif [ "$1" = POST ]; then
                wget -qO- --header "Authorization: Bearer $TOKEN" --header 'Content-Type: application/json' --post-data "$3" "$BASE/$2"
            else
                wget -qO- --header "Authorization: Bearer $TOKEN" "$BASE/$2"
            fi
        }
        status() { call POST callbacks/status "{\"status\":\"$1\",\"message\":\"$2\"}" >/dev/null || true; }
        fail() { status failed "$1"; echo "hangar: $1" >&2; exit 1; }

        status installing "fetching the runner credential"
        JIT=$(call GET metadata/credentials/env/ACTIONS_RUNNER_INPUT_JITCONFIG) || fail "could not fetch the runner credential"
        [ -x "$RUNNER_DIR/run.sh" ] || fail "no runner in RUNNER_DIR (bake actions/runner into the image or set RUNNER_DIR)"
        status installing "starting the runner"
        cd "$RUNNER_DIR"
        ACTIONS_RUNNER_INPUT_JITCONFIG="$JIT" ./run.sh &
        runner=$!
        status idle "runner started"
        wait "$runner"

        """;

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
