using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hangar.Configuration;
using Hangar.Engine;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tests.Tls;

/// <summary>
/// <c>listen: https://…</c> with <c>server.tls</c>: real TLS over loopback, certificates made here. A certificate replaced
/// on disk is served to the next connection without a restart; a broken replacement keeps the previous one served.
/// </summary>
public sealed class TlsCertificateReloadTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hangar-tls-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string CertificatePath => Path.Combine(_dir.FullName, "tls.crt");

    private string KeyPath => Path.Combine(_dir.FullName, "tls.key");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Https_CertificateFilesReplaced_NextConnectionGetsTheNewOneWithoutRestart()
    {
        await WritePairAsync("hangar-first");
        var app = HangarHost.Create(
            new HangarConfig
            {
                Server = new ServerConfig { DataDir = Path.Combine(_dir.FullName, "data"), Tls = new TlsConfig(CertificatePath, KeyPath) },
                Engine = new EngineOptions { ControllerId = "tls-" + Guid.NewGuid().ToString("N")[..8] },
            },
            new HangarHostOptions { Listen = "https://127.0.0.1:0", LogFormat = "none", MinimumLogLevel = LogLevel.Warning });
        await using var _ = app;
        await app.StartAsync(Ct);
        var url = new Uri(HangarHost.ListeningUrls(app)[0]);

        (await ServedSubjectAsync(url)).ShouldBe("CN=hangar-first");

        await WritePairAsync("hangar-second");
        (await ServedSubjectAsync(url)).ShouldBe("CN=hangar-second");

        // Half written: the key no longer matches. The last good certificate is still served.
        await File.WriteAllTextAsync(KeyPath, NewKeyPem(), Ct);
        (await ServedSubjectAsync(url)).ShouldBe("CN=hangar-second");
    }

    [Fact]
    public void Start_HttpsWithoutLoadableCertificate_Refused()
    {
        File.WriteAllText(CertificatePath, "not a certificate");
        File.WriteAllText(KeyPath, NewKeyPem());
        var ex = Should.Throw<InvalidOperationException>(async () =>
        {
            await using var app = HangarHost.Create(
                new HangarConfig
                {
                    Server = new ServerConfig { DataDir = Path.Combine(_dir.FullName, "data"), Tls = new TlsConfig(CertificatePath, KeyPath) },
                    Engine = new EngineOptions { ControllerId = "tls-bad" },
                },
                new HangarHostOptions { Listen = "https://127.0.0.1:0", LogFormat = "none", MinimumLogLevel = LogLevel.Warning });
            await app.StartAsync(Ct);
        });
        ex.Message.ShouldContain("server.tls: cannot load");
    }

    /// <summary>A new TLS connection (a new client: nothing pooled) and the subject of the certificate it was shown.</summary>
    private static async Task<string> ServedSubjectAsync(Uri url)
    {
        string? subject = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                // The test made the certificate; what matters here is which one was served.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    subject = certificate?.Subject;
                    return true;
                },
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync("/healthz", Ct);
        response.EnsureSuccessStatusCode();
        return subject.ShouldNotBeNull();
    }

    private async Task WritePairAsync(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Key first, then the certificate: a reader between the two writes sees a pair that does not match and waits.
        await File.WriteAllTextAsync(KeyPath, key.ExportPkcs8PrivateKeyPem(), Ct);
        await File.WriteAllTextAsync(CertificatePath, certificate.ExportCertificatePem(), Ct);
    }

    private static string NewKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
}
