namespace Hangar.Core.Providers;

/// <summary>The optional parts of <see cref="IProvider"/>. A provider without one never has it called.</summary>
[Flags]
public enum ProviderCapabilities
{
    None = 0,

    /// <summary><see cref="IProvider.StartAsync"/> and <see cref="IProvider.StopAsync"/>: a machine can be stopped,
    /// kept, and started again.</summary>
    StartStop = 1,

    /// <summary><see cref="IProvider.CheckCreateAsync"/> looks at the provider's side (image, executable, mount sources).</summary>
    CreateCheck = 2,

    /// <summary><see cref="CredentialDelivery.File"/> is honoured.</summary>
    CredentialFile = 4,

    /// <summary><see cref="IProvider.PrepareAsync"/>: a machine can be made without running it, and started later with
    /// <see cref="IProvider.StartAsync"/> and its secrets (the stopped tier). Start is then available for the machines
    /// it made, even without <see cref="StartStop"/>.</summary>
    Prepare = 8,

    /// <summary>
    /// The machine gets its instance token when it is made and keeps it (a GARM external provider passes it in the
    /// create's bootstrap; its start takes no input): <see cref="IProvider.PrepareAsync"/> needs
    /// <see cref="RunnerSpec.InstanceToken"/>, and a start cannot hand the machine another one. The engine therefore
    /// issues the token at prepare and renews that token at start instead of replacing it.
    /// </summary>
    TokenAtMake = 16,
}
