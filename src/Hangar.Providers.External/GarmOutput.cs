using System.Text;
using System.Text.Json;
using Hangar.Core.Providers;

namespace Hangar.Providers.External;

/// <summary>
/// Reads a provider's stdout and holds it to the contract as GARM does: <c>provider_id</c> and <c>name</c> non-empty,
/// <c>status</c> one of <c>running</c>, <c>stopped</c>, <c>error</c>, <c>unknown</c>, <c>provider_fault</c> base64.
/// </summary>
internal static class GarmOutput
{
    public static GarmInstance ReadInstance(string provider, string command, string stdout)
    {
        GarmInstance? instance;
        try
        {
            instance = JsonSerializer.Deserialize(stdout, GarmJsonContext.Default.GarmInstance);
        }
        catch (JsonException ex)
        {
            throw new ExternalProviderException($"provider {provider}: {command} wrote no valid instance JSON on stdout ({ex.Message})");
        }

        return Validate(provider, command, instance ?? throw new ExternalProviderException($"provider {provider}: {command} wrote null on stdout"));
    }

    public static List<GarmInstance> ReadList(string provider, string stdout)
    {
        try
        {
            // An empty stdout or "null" is an empty list: providers' List is poorly exercised in the field (GARM's own
            // v0.1.1 wrapper inverts its error check), so Hangar tolerates what it can.
            return string.IsNullOrWhiteSpace(stdout) ? [] : JsonSerializer.Deserialize(stdout, GarmJsonContext.Default.ListGarmInstance) ?? [];
        }
        catch (JsonException ex)
        {
            throw new ExternalProviderException($"provider {provider}: {GarmCommand.ListInstances} wrote no valid JSON array on stdout ({ex.Message})");
        }
    }

    public static GarmInstance Validate(string provider, string command, GarmInstance instance)
    {
        if (string.IsNullOrEmpty(instance.ProviderId) || string.IsNullOrEmpty(instance.Name))
        {
            throw new ExternalProviderException($"provider {provider}: {command} returned an instance without provider_id or name");
        }

        if (instance.Status is not ("running" or "stopped" or "error" or "unknown"))
        {
            throw new ExternalProviderException($"provider {provider}: {command} returned status '{instance.Status}' for {instance.Name} (expected running, stopped, error or unknown)");
        }

        _ = Fault(provider, command, instance);
        return instance;
    }

    /// <summary>The decoded <c>provider_fault</c>, or null.</summary>
    public static string? Fault(string provider, string command, GarmInstance instance)
    {
        if (string.IsNullOrEmpty(instance.ProviderFault))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(instance.ProviderFault));
        }
        catch (FormatException)
        {
            throw new ExternalProviderException($"provider {provider}: {command} returned a provider_fault that is not base64");
        }
    }

    public static ProviderInstanceStatus Status(GarmInstance instance) => instance.Status switch
    {
        "running" => ProviderInstanceStatus.Running,
        "stopped" => ProviderInstanceStatus.Exited,
        _ => ProviderInstanceStatus.Unknown,
    };
}
