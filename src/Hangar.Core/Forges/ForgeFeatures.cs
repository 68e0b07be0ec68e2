namespace Hangar.Core.Forges;

/// <summary>
/// What a forge was found to offer by probing its API (never by reading its version string): how Hangar registers a
/// one-job runner there, where demand comes from, and whether runners can be listed and removed. Logged once at start
/// and shown by <c>hangar forges list</c>.
/// </summary>
/// <param name="Registration">E.g. <c>jit-config</c>, <c>rest-ephemeral</c>, <c>registration-token</c>.</param>
/// <param name="DemandSources">E.g. <c>webhook</c>, <c>jobs-api-sweep</c>, <c>jobs-api-poll</c>.</param>
/// <param name="RunnerListing">E.g. <c>rest-list-delete</c>, or <c>none</c> where the forge has no runner API.</param>
/// <param name="Notes">What the probe found missing or limited, one line each.</param>
public sealed record ForgeFeatures(
    string Forge,
    string Type,
    string Registration,
    IReadOnlyList<string> DemandSources,
    string RunnerListing,
    IReadOnlyList<string> Notes);
