using Hangar.Configuration;

namespace Hangar.Cli.Commands;

/// <summary>Loads <c>--config</c> for a command that works without a server, every error printed at FILE:LINE:COL.</summary>
internal static class ConfigFile
{
    public static async Task<HangarConfig?> LoadAsync(string path)
    {
        var loaded = ConfigLoader.Load(path);
        if (loaded.IsValid)
        {
            return loaded.Config;
        }

        foreach (var error in loaded.Errors)
        {
            await Console.Error.WriteLineAsync(error.ToString());
        }

        return null;
    }
}
