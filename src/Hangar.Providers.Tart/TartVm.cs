namespace Hangar.Providers.Tart;

/// <summary>A VM as <c>tart list --format json</c> shows it.</summary>
internal sealed record TartVm(string Name, string State)
{
    public bool Running => State == "running";
}
