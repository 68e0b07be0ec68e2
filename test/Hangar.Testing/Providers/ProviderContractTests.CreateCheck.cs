using Hangar.Core.Pools;
using Hangar.Core.Providers;

namespace Hangar.Testing.Providers;

public abstract partial class ProviderContractTests
{
    [Fact]
    public async Task CheckCreateAsync_Runnable_Passes()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.CreateCheck);
        var source = Directory.CreateTempSubdirectory("hangar-mount-");
        try
        {
            var spec = Spec() with { Mounts = [new MountSpec(source.FullName, "/data")] };

            var check = await provider.CheckCreateAsync(spec, Ct).Within();

            check.Ok.ShouldBeTrue(check.Reason);
            check.Problems.ShouldBeEmpty();
        }
        finally
        {
            source.Delete();
        }
    }

    [Fact]
    public async Task CheckCreateAsync_WhatTheCreateNeedsIsMissing_FailsNamingItAndCreatesNothing()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.CreateCheck);
        var (spec, missing) = Unrunnable(Spec());

        var check = await provider.CheckCreateAsync(spec, Ct).Within();

        check.Ok.ShouldBeFalse();
        check.Reason.ShouldContain(missing);
        (await MachinesOutsideAsync(ControllerId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckCreateAsync_MountSourcesMissing_FailsNamingEach()
    {
        var provider = NewProvider();
        SkipUnless(provider, ProviderCapabilities.CreateCheck);
        var first = $"/nonexistent/hangar-{Guid.NewGuid():N}";
        var second = $"/nonexistent/hangar-{Guid.NewGuid():N}";
        var spec = Spec() with { Mounts = [new MountSpec(first, "/data"), new MountSpec(second, "/out", ReadOnly: false)] };

        var check = await provider.CheckCreateAsync(spec, Ct).Within();

        check.Ok.ShouldBeFalse();
        check.Problems.Count.ShouldBe(2);
        check.Reason.ShouldContain(first);
        check.Reason.ShouldContain(second);
    }
}
