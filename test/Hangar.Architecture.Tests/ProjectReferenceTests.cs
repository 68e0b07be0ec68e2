namespace Hangar.Architecture.Tests;

public sealed class ProjectReferenceTests
{
    [Fact]
    public void Solution_ReadFromTheFiles_ListsTheProjectsAndTheirReferences()
    {
        var projects = Solution.Projects().ToDictionary(p => p.Name);

        projects.Keys.ShouldContain("Hangar.Architecture.Tests");
        projects["Hangar.Server"].Area.ShouldBe("src");
        projects["Hangar.Server"].References.ShouldContain("Hangar.Engine");
        projects["Hangar.Engine"].References.ShouldContain(ReferenceRules.Core);
    }

    [Fact]
    public void References_OfEveryProject_PointInwardAndOnlyTheHostsCompose()
    {
        ReferenceRules.Violations(Solution.Projects()).ShouldBeEmpty();
    }

    [Fact]
    public void Yaml_OfTheSources_ReadOnlyByConfiguration()
    {
        var users = Solution.Projects().Where(p => p.Area == "src" && p.Packages!.Contains("YamlDotNet")).Select(p => p.Name);

        // The CLI only writes YAML (`-o yaml`, through the emitter); every YAML read is the configuration's.
        users.ShouldBe(["Hangar.Cli", ReferenceRules.Configuration], ignoreOrder: true);
        Directory.EnumerateFiles(Path.Combine(Solution.Root, "src", "Hangar.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("YamlDotNet.RepresentationModel", StringComparison.Ordinal) || File.ReadAllText(f).Contains("Deserializer", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Violations_OfAHandMadeSolution_EachReported()
    {
        ProjectFile[] projects =
        [
            new("Hangar.Core", "src", ["Hangar.Store"]),
            new("Hangar.Store", "src", ["Hangar.Core"]),
            new("Hangar.Engine", "src", ["Hangar.Core", "Hangar.Server"]),
            new("Hangar.Forges", "src", ["Hangar.Core", "Hangar.Emulator"]),
            new("Hangar.Providers.Docker", "src", ["Hangar.Core", "Hangar.Forges", "Hangar.Store"]),
            new("Hangar.Gadget", "src", ["Hangar.Core"]),
            new("Hangar.Server", "src", ["Hangar.Engine", "Hangar.Store", "Hangar.Forges", "Hangar.Configuration"]),
            new("Hangar.Configuration", "src", ["Hangar.Engine", "Hangar.Forges"]),
            new("Hangar.Cli", "src", ["Hangar.Server", "Hangar.Emulator"]),
            new("Hangar.Emulator", "src", []),
            new("Hangar.Engine.Tests", "test", ["Hangar.Engine", "Hangar.Store", "Hangar.Cli"]),
        ];

        var violations = ReferenceRules.Violations(projects).ToList();

        violations.ShouldBe(
        [
            "Hangar.Core references Hangar.Store: a reference must point inward (Core <- components <- Configuration <- Server <- Cli)",
            "Hangar.Engine references Hangar.Server: a reference must point inward (Core <- components <- Configuration <- Server <- Cli)",
            "Hangar.Forges references Hangar.Emulator: only Hangar.Cli and tooling use the emulator",
            "Hangar.Providers.Docker references Hangar.Forges: a reference must point inward (Core <- components <- Configuration <- Server <- Cli)",
            "Hangar.Providers.Docker references Hangar.Store: a reference must point inward (Core <- components <- Configuration <- Server <- Cli)",
            "Hangar.Providers.Docker references Hangar.Forges, Hangar.Store: only Hangar.Server and Hangar.Cli compose",
            "Hangar.Gadget has no place in ReferenceRules: is it a component, a host, tooling?",
        ]);
    }
}
