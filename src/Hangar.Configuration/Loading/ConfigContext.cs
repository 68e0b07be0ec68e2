using YamlDotNet.Core;

namespace Hangar.Configuration.Loading;

/// <summary>What every reader of one file shares: where errors go and what relative paths are relative to.</summary>
internal sealed class ConfigContext(string file, string baseDirectory)
{
    private readonly List<ConfigError> _errors = [];

    public string BaseDirectory => baseDirectory;

    public bool HasErrors => _errors.Count > 0;

    public void Error(Mark mark, string message) =>
        _errors.Add(new ConfigError(file, (int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue), message));

    public string ResolvePath(string path) => Path.GetFullPath(path, baseDirectory);

    /// <summary>Errors in file order, whatever order the sections were validated in.</summary>
    public IReadOnlyList<ConfigError> SortedErrors() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
