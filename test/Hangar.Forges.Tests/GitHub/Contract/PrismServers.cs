namespace Hangar.Forges.Tests.GitHub.Contract;

/// <summary>The three description variants the contract tests use, started in parallel once per test run:
/// api.github.com (repository and organization), ghec (github.com with enterprises) and the newest GHES.</summary>
public sealed class PrismServers : IAsyncLifetime
{
    public const string GhesVariant = "ghes-3.19";

    public PrismServer DotCom { get; private set; } = null!;

    public PrismServer Ghec { get; private set; } = null!;

    public PrismServer Ghes { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var dotCom = PrismServer.StartAsync("api.github.com");
        var ghec = PrismServer.StartAsync("ghec");
        var ghes = PrismServer.StartAsync(GhesVariant);
        try
        {
            await Task.WhenAll(dotCom, ghec, ghes);
        }
        catch
        {
            foreach (var started in new[] { dotCom, ghec, ghes }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        (DotCom, Ghec, Ghes) = (dotCom.Result, ghec.Result, ghes.Result);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in new[] { DotCom, Ghec, Ghes }.Where(s => s is not null))
        {
            await server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PrismCollection : ICollectionFixture<PrismServers>
{
    public const string Name = "prism";
}
