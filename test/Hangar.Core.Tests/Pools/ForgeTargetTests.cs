using Hangar.Core.Pools;

namespace Hangar.Core.Tests.Pools;

public sealed class ForgeTargetTests
{
    [Fact]
    public void Factories_EachScope_SetScopeAndName()
    {
        ForgeTarget.Repository("acme/app").ShouldBe(new ForgeTarget(TargetScope.Repository, "acme/app"));
        ForgeTarget.Organization("acme").ShouldBe(new ForgeTarget(TargetScope.Organization, "acme"));
        ForgeTarget.Enterprise("bigco").ShouldBe(new ForgeTarget(TargetScope.Enterprise, "bigco"));
    }

    [Theory]
    [InlineData("acme/app", true)]
    [InlineData("ACME/App", true)]
    [InlineData("acme/other", false)]
    [InlineData("acme/app-2", false)]
    [InlineData("other/app", false)]
    public void Serves_RepositoryTarget_MatchesFullNameIgnoringCase(string repository, bool expected) =>
        ForgeTarget.Repository("acme/app").Serves(repository, "acme", null).ShouldBe(expected);

    [Fact]
    public void Serves_RepositoryTargetOwnerAndEnterpriseDiffer_StillServesItsRepository() =>
        ForgeTarget.Repository("acme/app").Serves("acme/app", "someone-else", "bigco").ShouldBeTrue();

    [Theory]
    [InlineData("acme", true)]
    [InlineData("ACME", true)]
    [InlineData("Acme", true)]
    [InlineData("other", false)]
    [InlineData("acme-corp", false)]
    public void Serves_OrganizationTarget_MatchesOwnerIgnoringCase(string owner, bool expected) =>
        ForgeTarget.Organization("acme").Serves($"{owner}/app", owner, null).ShouldBe(expected);

    [Theory]
    [InlineData("acme/app", true)]
    [InlineData("Acme/app", true)]
    [InlineData("acme-corp/app", false)]
    [InlineData("other/acme", false)]
    public void Serves_OrganizationTargetOwnerUnknown_TakesOwnerFromRepository(string repository, bool expected) =>
        ForgeTarget.Organization("acme").Serves(repository, null, null).ShouldBe(expected);

    [Fact]
    public void Serves_OrganizationTargetRepositoryWithoutSlash_TreatsWholeNameAsOwner()
    {
        ForgeTarget.Organization("acme").Serves("acme", null, null).ShouldBeTrue();
        ForgeTarget.Organization("acme").Serves("acmeapp", null, null).ShouldBeFalse();
    }

    [Fact]
    public void Serves_OrganizationTargetOwnerGiven_OwnerWinsOverRepositoryPrefix()
    {
        // The event's owner is authoritative (e.g. a repository transferred between organizations).
        ForgeTarget.Organization("acme").Serves("old/app", "acme", null).ShouldBeTrue();
        ForgeTarget.Organization("old").Serves("old/app", "acme", null).ShouldBeFalse();
    }

    [Theory]
    [InlineData("bigco", true)]
    [InlineData("BigCo", true)]
    [InlineData("smallco", false)]
    public void Serves_EnterpriseTarget_MatchesEnterpriseIgnoringCase(string enterprise, bool expected) =>
        ForgeTarget.Enterprise("bigco").Serves("acme/app", "acme", enterprise).ShouldBe(expected);

    [Fact]
    public void Serves_EnterpriseTargetJobWithoutEnterprise_ReturnsFalse()
    {
        ForgeTarget.Enterprise("bigco").Serves("acme/app", "acme", null).ShouldBeFalse();
        // An organization or repository that happens to share the enterprise's slug is not the enterprise.
        ForgeTarget.Enterprise("bigco").Serves("bigco/app", "bigco", null).ShouldBeFalse();
    }

    [Fact]
    public void ToString_EachScope_PrefixesScope()
    {
        ForgeTarget.Repository("acme/app").ToString().ShouldBe("repo:acme/app");
        ForgeTarget.Organization("acme").ToString().ShouldBe("org:acme");
        ForgeTarget.Enterprise("bigco").ToString().ShouldBe("enterprise:bigco");
    }
}
