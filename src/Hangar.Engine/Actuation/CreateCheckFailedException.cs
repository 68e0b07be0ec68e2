namespace Hangar.Engine.Actuation;

/// <summary>The provider's pre-create check found the machine could not be made; nothing was minted or created.</summary>
internal sealed class CreateCheckFailedException(string provider, string reason)
    : Exception($"provider {provider} cannot create this runner: {reason}");
