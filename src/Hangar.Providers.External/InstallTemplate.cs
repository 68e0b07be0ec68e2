using System.Text;

namespace Hangar.Providers.External;

/// <summary>
/// The <c>runner_install_template</c> Hangar puts in <c>extra_specs</c> when the configuration gives none (GARM refuses
/// to create without one and injects a wrapper of the same kind). Providers render it as a Go text/template, so it uses
/// only <c>.MetadataURL</c> and <c>.CallbackToken</c> and no other braces: it fetches Hangar's install script with the
/// instance token and runs it.
/// </summary>
internal static class InstallTemplate
{
    private const string Text = """
        #!/bin/sh
        set -e
        script=/tmp/hangar-install.sh
        if command -v curl >/dev/null 2>&1; then
            curl -fsS -H "Authorization: Bearer {{ .CallbackToken }}" -o "$script" "{{ .MetadataURL }}/install-script/"
        else
            wget -qO "$script" --header "Authorization: Bearer {{ .CallbackToken }}" "{{ .MetadataURL }}/install-script/"
        fi
        exec sh "$script"

        """;

    /// <summary>Base64, as GARM stores it (a Go byte slice).</summary>
    public static string Base64 { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes(Text));
}
