using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// Certificates made by <c>ovs-pki</c> (a CA, a server and a client certificate; a second, unrelated CA), an expired
/// client certificate signed by the same CA, and an ovsdb-server listening with TLS on loopback.
/// </summary>
public sealed class TlsFixture : IAsyncLifetime
{
    public TempDirectory Dir { get; } = new("ovnk-pki");

    public OvsdbServer Server { get; private set; } = null!;

    public string CaCert => Dir.File("pki/switchca/cacert.pem");

    public string OtherCaCert => Dir.File("other/switchca/cacert.pem");

    public string Remote => $"ssl:127.0.0.1:{Server.TcpPort}";

    public async ValueTask InitializeAsync()
    {
        await PkiAsync("--dir=" + Dir.File("pki"), "init", "--force");
        await PkiAsync("--dir=" + Dir.File("other"), "init", "--force");
        await PkiAsync("--dir=" + Dir.File("pki"), "req+sign", "server", "switch");
        await PkiAsync("--dir=" + Dir.File("pki"), "req+sign", "client", "switch");
        WriteExpiredClientCertificate();
        var port = OvsdbServer.FreeTcpPort();
        Server = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema, extraArgs:
        [
            $"--remote=pssl:{port}:127.0.0.1", "--private-key=" + Dir.File("server-privkey.pem"),
            "--certificate=" + Dir.File("server-cert.pem"), "--ca-cert=" + CaCert,
        ], tcpPortInArgs: port);
    }

    private async Task PkiAsync(params string[] args) =>
        (await Proc.RunAsync("ovs-pki", ["--force", .. args], TimeSpan.FromSeconds(60), workingDirectory: Dir.Path)).EnsureSuccess("ovs-pki " + string.Join(' ', args));

    /// <summary>
    /// ovs-pki cannot back-date a certificate, so this one is signed by its CA key directly. It cannot predate the
    /// CA either (made seconds ago), so it is valid for one second from the CA's start: expired by the time it is used.
    /// </summary>
    private void WriteExpiredClientCertificate()
    {
        using var ca = X509Certificate2.CreateFromPemFile(CaCert, Dir.File("pki/switchca/private/cakey.pem"));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=expired client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var start = new DateTimeOffset(ca.NotBefore.ToUniversalTime());
        using var cert = request.Create(ca, start, start.AddSeconds(1), [7, 7, 7]);
        Assert.True(cert.NotAfter.ToUniversalTime() < DateTime.UtcNow, "the certificate must already have expired");
        File.WriteAllText(Dir.File("expired-cert.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Dir.File("expired-privkey.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
        Dir.Dispose();
    }
}
