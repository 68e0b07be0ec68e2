namespace Hangar.Architecture.Tests;

public sealed class BuiltAssembliesTests
{
    [Fact]
    public void Assemblies_OfEveryProductProject_BuiltBesideTheTests()
    {
        var missing = BuiltAssemblies.Product
            .Where(p => !File.Exists(BuiltAssemblies.PathOf(p)))
            .Select(p => $"{p.Name}: add a ProjectReference to it in Hangar.Architecture.Tests.csproj");

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Product_ReadFromTheSolution_NamesTheCliByItsAssembly()
    {
        var cli = BuiltAssemblies.Sources.Single(p => p.Name == ReferenceRules.Cli);

        cli.AssemblyFileName.ShouldBe("hangar.dll");
        BuiltAssemblies.Product.ShouldContain(p => p.Area == "bench");
    }
}
