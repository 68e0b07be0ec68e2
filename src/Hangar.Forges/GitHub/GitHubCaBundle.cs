using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Hangar.Forges.GitHub;

/// <summary>
/// Trust for a GHES behind a private CA: certificates the system already trusts still pass, and a chain that fails only
/// for an unknown root is rebuilt with the bundle's certificates as the roots. Host name errors always fail.
/// </summary>
internal static class GitHubCaBundle
{
    public static X509Certificate2Collection Load(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"ca_bundle {path}: cannot read PEM certificates ({ex.GetType().Name})", ex);
        }

        return certificates.Count > 0 ? certificates : throw new ArgumentException($"ca_bundle {path}: no PEM certificate in the file");
    }

    public static RemoteCertificateValidationCallback Validator(X509Certificate2Collection roots) =>
        (_, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
            {
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            // Intermediates the server sent, so a bundle holding only the root is enough.
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements)
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            // Private CAs rarely publish revocation lists; curl's --cacert does not check them either.
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
}
