namespace Hangar.Server.Agent;

/// <summary>
/// How an exec machine shows that its <c>hangar exec</c> (or the server running it) is alive: the machine's instance
/// token expires <see cref="TokenLifetime"/> after it was last renewed, and the running exec renews it every
/// <see cref="RenewEvery"/>. A killed exec stops renewing, so its machine is found by <see cref="ExecLeftovers"/>.
/// </summary>
internal static class ExecOwnership
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    /// <summary>How long a row may stay without a token before it counts as abandoned (the exec issues one right after storing the intent).</summary>
    public static readonly TimeSpan TokenlessGrace = TimeSpan.FromSeconds(30);
}
