namespace Hangar.Cli.Completion;

/// <summary>
/// Shell completion scripts. Each asks hangar itself what may come next through System.CommandLine's suggest
/// directive (<c>hangar "[suggest:POSITION]" "LINE"</c>), so completion always matches the installed version's
/// commands, options and option values (<c>-o</c> offers table, json, yaml). The scripts pass the line without the
/// command word, so an absolute path or an alias to hangar completes too, and drop the Windows-style help aliases
/// (<c>/?</c>, <c>/h</c>, <c>-?</c>) that the directive lists.
/// </summary>
internal static class CompletionScripts
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish", "pwsh"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "fish" => Fish,
        "pwsh" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "no completion script for this shell"),
    };

    private const string Bash = """
        # hangar completion for bash. Load it now:   source <(hangar completion bash)
        # or for every shell:   hangar completion bash > /etc/bash_completion.d/hangar
        _hangar_complete()
        {
            local IFS=$'\n'
            local command="${COMP_WORDS[0]}"
            local line="${COMP_LINE:0:COMP_POINT}"
            local rest="${line#"$command"}"
            local suggestions
            suggestions=$("$command" "[suggest:${#rest}]" "$rest" 2>/dev/null | grep -v -e '^/' -e '^-?$')
            # Options only once a dash is typed, as git and kubectl do: a bare TAB lists what comes next.
            if [[ "${COMP_WORDS[COMP_CWORD]}" != -* ]]; then
                suggestions=$(grep -v '^-' <<<"$suggestions")
            fi
            COMPREPLY=( $(compgen -W "$suggestions" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _hangar_complete hangar

        """;

    private const string Zsh = """
        #compdef hangar
        # hangar completion for zsh. Load it now:   source <(hangar completion zsh)
        # or put it in a directory of $fpath as _hangar.
        _hangar() {
            local line="${BUFFER[1,CURSOR]}"
            local rest="${line#*${words[1]}}"
            local -a suggestions
            suggestions=("${(@f)$(${words[1]} "[suggest:${#rest}]" "$rest" 2>/dev/null | grep -v -e '^/' -e '^-?$')}")
            compadd -a suggestions
        }
        if (( $+functions[compdef] )); then
            compdef _hangar hangar
        fi

        """;

    private const string Fish = """
        # hangar completion for fish. Load it now:   hangar completion fish | source
        # or for every shell:   hangar completion fish > ~/.config/fish/completions/hangar.fish
        function __hangar_complete
            set -l line (commandline -cp)
            set -l rest (string replace -r '^\s*\S+' '' -- $line)
            set -l command (commandline -opc)[1]
            $command "[suggest:"(string length -- "$rest")"]" "$rest" 2>/dev/null | string match -v -r '^(/|-\?$)'
        end
        complete -c hangar -f -a '(__hangar_complete)'

        """;

    private const string PowerShell = """
        # hangar completion for PowerShell. Load it now:   hangar completion pwsh | Out-String | Invoke-Expression
        # or add that line to $PROFILE.
        Register-ArgumentCompleter -Native -CommandName hangar -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $start = $commandAst.CommandElements[0].Extent.EndOffset - $commandAst.Extent.StartOffset
            $point = $cursorPosition - $commandAst.Extent.StartOffset - $start
            $rest = $line.Substring($start).PadRight($point)
            & $commandAst.CommandElements[0].Value "[suggest:$point]" "$rest" 2>$null |
                Where-Object { $_ -notmatch '^(/|-\?$)' } |
                ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
        }

        """;
}
