namespace Hangar.Server.Api;

/// <summary>The answer to a pool write: the settings in effect now and the overrides behind them (null: none).</summary>
internal sealed record PoolSettingsView(string Pool, bool Enabled, int MinIdle, int MaxRunners, PoolOverrideView? Overrides);
