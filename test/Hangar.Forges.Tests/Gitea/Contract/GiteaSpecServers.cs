using System.Text.Json.Nodes;
using Hangar.Forges.Tests.GitHub.Contract;
using Hangar.Testing;

namespace Hangar.Forges.Tests.Gitea.Contract;

/// <summary>
/// prism serving Gitea 1.25.4's, Forgejo 15.0.3's and Forgejo 11.0.15's own Swagger descriptions (committed unmodified
/// under <c>test/specs/gitea-forgejo</c>), started in parallel once per run. prism ignores <c>basePath</c>, so each is
/// served from a copy whose path keys carry the <c>/api/v1</c> prefix (that folder's README): the clients then talk to the
/// mock exactly as to a real server.
/// </summary>
public sealed class GiteaSpecServers : IAsyncLifetime
{
    public const string Gitea = "gitea-1.25.4";
    public const string Forgejo15 = "forgejo-15.0.3";
    public const string Forgejo11 = "forgejo-11.0.15";

    private readonly Dictionary<string, PrismServer> _servers = new(StringComparer.Ordinal);

    public PrismServer this[string spec] => _servers[spec];

    public async ValueTask InitializeAsync()
    {
        var starting = new[] { Gitea, Forgejo15, Forgejo11 }.ToDictionary(s => s, StartAsync);
        try
        {
            await Task.WhenAll(starting.Values);
        }
        catch
        {
            foreach (var started in starting.Values.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        foreach (var (spec, server) in starting)
        {
            _servers[spec] = server.Result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The committed description with every path under <c>/api/v1</c> (its <c>basePath</c>).</summary>
    private static async Task<PrismServer> StartAsync(string spec)
    {
        var source = Path.Combine(RepositoryRoot.Path, "test", "specs", "gitea-forgejo", spec + ".swagger.json");
        var document = JsonNode.Parse(await File.ReadAllTextAsync(source))!.AsObject();
        var basePath = document["basePath"]!.GetValue<string>();
        var prefixed = new JsonObject();
        foreach (var (path, item) in document["paths"]!.AsObject().ToList())
        {
            document["paths"]!.AsObject().Remove(path);
            prefixed[basePath + path] = item;
        }

        document["paths"] = prefixed;
        document.Remove("basePath");
        var directory = Directory.CreateTempSubdirectory("hangar-prism-").FullName;
        var specPath = Path.Combine(directory, spec + ".json");
        await File.WriteAllTextAsync(specPath, document.ToJsonString());
        return await PrismServer.ServeAsync(specPath, directory, document);
    }
}

[CollectionDefinition(Name)]
public sealed class GiteaSpecCollection : ICollectionFixture<GiteaSpecServers>
{
    public const string Name = "gitea-specs";
}
