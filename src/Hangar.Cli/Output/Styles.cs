using Spectre.Console;

namespace Hangar.Cli.Output;

/// <summary>Colours for states, as markup; <see cref="CliConsole"/> drops them where colours are not wanted.</summary>
internal static class Styles
{
    /// <summary>A runner's state, a job's status or a pool's condition, escaped and coloured by what it means.</summary>
    public static string State(string state) => state switch
    {
        "failed" or "degraded" => $"[red]{Markup.Escape(state)}[/]",
        "idle" or "ok" or "completed" => $"[green]{Markup.Escape(state)}[/]",
        "busy" or "in_progress" => $"[blue]{Markup.Escape(state)}[/]",
        "pending" or "provisioning" or "booting" or "probing" or "queued" or "waiting" => $"[yellow]{Markup.Escape(state)}[/]",
        "" => "",
        _ => $"[grey]{Markup.Escape(state)}[/]",
    };

    public static string Error(string text) => text.Length == 0 ? "" : $"[red]{Markup.Escape(text)}[/]";

    /// <summary>An age that has gone on long enough to look at (a job queued for minutes) stands out.</summary>
    public static string Age(TimeSpan age, TimeSpan worrying) =>
        age >= worrying ? $"[yellow]{Ages.Short(age)}[/]" : Ages.Short(age);
}
