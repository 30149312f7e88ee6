namespace Ovnk.Ovsdb.Transport;

/// <summary>
/// TLS settings for <c>ssl:</c> remotes, the files <c>ovs-pki</c> makes: our private key and certificate, and the CA
/// certificate that must have signed the server's certificate. OVSDB does not check host names (OVS's own SSL stream
/// verifies the chain only), so neither do we; the CA check always applies and nothing falls back to plain text.
/// Without a key and certificate we present none, and a server that requires one (ovsdb-server always does) refuses.
/// </summary>
public sealed record OvsdbTlsOptions(string? PrivateKeyFile, string? CertificateFile, string CaCertificateFile);
