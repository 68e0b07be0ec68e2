namespace Hangar.Providers.Tart;

/// <summary>
/// How Tart reads a pool's <c>image</c>: a name with a <c>/</c> is an OCI reference (Tart refuses a <c>/</c> in a local
/// VM's name), which <c>tart clone</c> pulls into its cache unless it is there; any other name is a local VM.
/// </summary>
internal static class TartImage
{
    public static bool IsRemote(string image) => image.Contains('/', StringComparison.Ordinal);

    /// <summary>Whether Tart lists <paramref name="image"/>: as a local VM, or as a cached OCI image under the
    /// reference Tart stores it by (with <c>:latest</c> when it names no tag or digest).</summary>
    public static bool IsListed(string image, IEnumerable<TartVm> listed) => IsRemote(image)
        ? listed.Any(vm => !vm.Local && (vm.Name == image || vm.Name == WithTag(image)))
        : listed.Any(vm => vm.Local && vm.Name == image);

    private static string WithTag(string reference)
    {
        var last = reference[(reference.LastIndexOf('/') + 1)..];
        return last.Contains(':', StringComparison.Ordinal) || last.Contains('@', StringComparison.Ordinal) ? reference : reference + ":latest";
    }
}
