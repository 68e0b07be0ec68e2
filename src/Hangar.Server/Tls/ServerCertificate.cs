using System.Security.Cryptography.X509Certificates;
using Hangar.Configuration;
using Microsoft.Extensions.Logging;

namespace Hangar.Server.Tls;

/// <summary>
/// The certificate Kestrel serves (its <c>ServerCertificateSelector</c>): loaded from the PEM files of
/// <see cref="TlsConfig"/>, and loaded again when either file's modification time or size changed, checked at each new
/// connection (two stat calls), so a renewed certificate (certbot, cert-manager) is served without a restart. A pair that
/// does not load (half written, key not matching) keeps the previous certificate and is logged until it is fixed.
/// </summary>
internal sealed class ServerCertificate(TlsConfig tls, ILogger<ServerCertificate> logger)
{
    private readonly Lock _gate = new();
    private X509Certificate2? _current;
    private (DateTime, long, DateTime, long) _stamp;

    /// <summary>Loads the pair now: a server must not start with a certificate it cannot serve.</summary>
    /// <exception cref="InvalidOperationException">The files are missing or do not hold a certificate and its key.</exception>
    public void LoadOrThrow()
    {
        try
        {
            lock (_gate)
            {
                _stamp = Stamp();
                _current = Load();
            }
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"server.tls: cannot load {tls.Certificate} with {tls.Key}: {ex.Message}", ex);
        }
    }

    public X509Certificate2? Current
    {
        get
        {
            lock (_gate)
            {
                (DateTime, long, DateTime, long) stamp;
                try
                {
                    stamp = Stamp();
                }
                catch (IOException)
                {
                    return _current;
                }

                if (stamp == _stamp && _current is not null)
                {
                    return _current;
                }

                try
                {
                    var loaded = Load();
                    _stamp = stamp;
                    _current = loaded;
                    ServerLog.CertificateLoaded(logger, tls.Certificate, loaded.Subject, loaded.NotAfter);
                }
                catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
                {
                    // Not remembered as loaded: tried again at the next connection, when the writer may have finished.
                    ServerLog.CertificateNotLoaded(logger, tls.Certificate, ex.Message);
                }

                return _current;
            }
        }
    }

    private X509Certificate2 Load() => X509Certificate2.CreateFromPemFile(tls.Certificate, tls.Key);

    private (DateTime, long, DateTime, long) Stamp()
    {
        var certificate = new FileInfo(tls.Certificate);
        var key = new FileInfo(tls.Key);
        return (certificate.LastWriteTimeUtc, certificate.Length, key.LastWriteTimeUtc, key.Length);
    }
}
