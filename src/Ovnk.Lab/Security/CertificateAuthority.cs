using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ovnk.Lab.Security;

/// <summary>
/// The lab's own CA, kept in the state directory so kubeconfigs stay valid across restarts, and the serving
/// certificate it signs at every start (so its SANs always cover the addresses the server listens on).
/// ECDSA P-256: Go's crypto/tls (kubectl) and .NET both support it, and key generation is instant.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private const string CertFile = "ca.crt";
    private const string KeyFile = "ca.key";

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate (with its private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM, for kubeconfig's certificate-authority-data.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Loads the CA from <paramref name="directory"/>, creating it on first use.</summary>
    public static CertificateAuthority LoadOrCreate(string directory)
    {
        var certPath = Path.Combine(directory, CertFile);
        var keyPath = Path.Combine(directory, KeyFile);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            return new CertificateAuthority(X509Certificate2.CreateFromPemFile(certPath, keyPath));
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ovnk-lab-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem());
        WriteAtomically(certPath, ca.ExportCertificatePem());
        return new CertificateAuthority(ca);
    }

    /// <summary>Issues a serving certificate valid for every given IP address and DNS name.</summary>
    public X509Certificate2 IssueServing(IEnumerable<IPAddress> addresses, IEnumerable<string> dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ovnk-apiserver", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var address in addresses.Distinct())
        {
            san.AddIpAddress(address);
        }
        foreach (var name in dnsNames.Distinct(StringComparer.Ordinal))
        {
            san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false)); // id-kp-serverAuth (RFC 5280 §4.2.1.12)
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate, now.AddMinutes(-5), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel needs a certificate whose key is not ephemeral on every platform: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite); // credentials: owner-only
        }
        File.Move(temp, path, overwrite: true);
    }
}
