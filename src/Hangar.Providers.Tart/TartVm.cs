namespace Hangar.Providers.Tart;

/// <summary>A VM or image as <c>tart list --format json</c> shows it: <c>local</c> VMs, and OCI images Tart pulled.</summary>
internal sealed record TartVm(string Name, string State, string Source = TartVm.LocalSource)
{
    public const string LocalSource = "local";

    public bool Running => State == "running";

    public bool Local => string.Equals(Source, LocalSource, StringComparison.OrdinalIgnoreCase);
}
