using System.Security.Cryptography.X509Certificates;

namespace Ovnk.Ovsdb.Transport;

/// <summary>Verifies a peer certificate against one CA certificate only (custom root trust, no system store).</summary>
internal static class TlsVerifier
{
    /// <returns>Null when valid; otherwise why not.</returns>
    public static string? Verify(X509Certificate? presented, X509Certificate2 ca)
    {
        if (presented is null)
            return "the server presented no certificate";
        using var certificate = new X509Certificate2(presented);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate))
            return null;
        var problems = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return $"the server's certificate \"{certificate.Subject}\" is not valid for our CA: {string.Join("; ", problems)}";
    }
}
