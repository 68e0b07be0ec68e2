namespace Hangar.Configuration;

/// <summary>
/// <c>server.tls</c>: the certificate (PEM, leaf first, then any intermediates) and its private key (PEM) Hangar serves
/// an <c>https://</c> <c>listen</c> address with. Both files are re-read when either changes, so a renewed certificate is
/// served to the next connection without a restart.
/// </summary>
public sealed record TlsConfig(string Certificate, string Key);
