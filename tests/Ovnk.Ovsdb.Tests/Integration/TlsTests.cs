using Ovnk.Ovsdb.Client;
using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>TLS with ovs-pki certificates: a valid client connects; every other case fails closed, saying why.</summary>
public sealed class TlsTests(TlsFixture pki) : IClassFixture<TlsFixture>
{
    private OvsdbClientOptions With(string? key, string? cert, string ca) =>
        Nb.Options with { Tls = new OvsdbTlsOptions(key is null ? null : pki.Dir.File(key), cert is null ? null : pki.Dir.File(cert), ca) };

    /// <summary>Connects and makes one call; returns the error, or null if both worked.</summary>
    private async Task<OvsdbConnectionException?> TryAsync(OvsdbClientOptions options)
    {
        try
        {
            await using var client = await OvsdbClient.ConnectAsync(pki.Remote, options, Nb.Bounded());
            await client.ListDatabasesAsync(Nb.Bounded());
            return null;
        }
        catch (OvsdbConnectionException e)
        {
            return e;
        }
    }

    [Fact]
    public async Task ValidClientCertificate_Connects()
    {
        await using var client = await OvsdbClient.ConnectAsync(pki.Remote, With("client-privkey.pem", "client-cert.pem", pki.CaCert), Nb.Bounded());
        Assert.Contains(Nb.Db, await client.ListDatabasesAsync(Nb.Bounded()));
    }

    [Fact]
    public async Task NoClientCertificate_IsRefused_WithAHintAboutTheCertificate()
    {
        var e = await TryAsync(With(null, null, pki.CaCert));
        Assert.NotNull(e);
        Assert.Contains("certificate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerCertificateFromAnotherCa_FailsClosedOnOurSide()
    {
        var e = await TryAsync(With("client-privkey.pem", "client-cert.pem", pki.OtherCaCert));
        Assert.NotNull(e);
        Assert.Contains("is not valid for our CA", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredClientCertificate_IsRefused()
    {
        var e = await TryAsync(With("expired-privkey.pem", "expired-cert.pem", pki.CaCert));
        Assert.NotNull(e);
        Assert.Contains("certificate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingTlsFiles_NameTheFile()
    {
        var e = await TryAsync(With("nope-privkey.pem", "nope-cert.pem", pki.CaCert));
        Assert.NotNull(e);
        Assert.Contains("cannot load the TLS files", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SslRemoteWithoutTlsSettings_SaysWhatIsNeeded()
    {
        var e = await TryAsync(Nb.Options);
        Assert.NotNull(e);
        Assert.Contains("needs TLS settings", e.Message, StringComparison.Ordinal);
    }
}
