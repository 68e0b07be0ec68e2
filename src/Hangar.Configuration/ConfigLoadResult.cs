namespace Hangar.Configuration;

/// <summary>
/// What loading a configuration file produced: the configuration when it is valid, otherwise every error found.
/// <see cref="Config"/> is null whenever there is an error, so a half-validated configuration can never be used.
/// </summary>
public sealed record ConfigLoadResult(HangarConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Config))]
    public bool IsValid => Errors.Count == 0 && Config is not null;
}
