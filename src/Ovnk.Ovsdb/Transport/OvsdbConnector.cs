using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Ovnk.Ovsdb.Transport;

/// <summary>Opens the byte stream to one endpoint.</summary>
internal static class OvsdbConnector
{
    public static async Task<Stream> ConnectAsync(OvsdbEndpoint endpoint, OvsdbTlsOptions? tls, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        Socket? socket = null;
        try
        {
            if (endpoint.Kind == OvsdbTransportKind.Unix)
            {
                socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.Address), cts.Token);
            }
            else
            {
                socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(endpoint.Address, endpoint.Port, cts.Token);
            }
            var stream = new NetworkStream(socket, ownsSocket: true);
            if (endpoint.Kind != OvsdbTransportKind.Ssl)
                return stream;
            return await AuthenticateAsync(stream, endpoint, tls ?? throw new OvsdbConnectionException(
                $"{endpoint} needs TLS settings: give the private key, certificate and CA certificate (ovs-pki's files)"), cts.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or AuthenticationException
                                  && !cancellationToken.IsCancellationRequested)
        {
            socket?.Dispose();
            var why = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message;
            throw new OvsdbConnectionException($"cannot connect to {endpoint}: {why}", e);
        }
    }

    private static async Task<Stream> AuthenticateAsync(NetworkStream stream, OvsdbEndpoint endpoint, OvsdbTlsOptions tls,
        CancellationToken cancellationToken)
    {
        X509Certificate2? certificate = null;
        X509Certificate2 ca;
        try
        {
            if (tls.CertificateFile is not null)
                certificate = X509Certificate2.CreateFromPemFile(tls.CertificateFile, tls.PrivateKeyFile);
            ca = X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificateFile);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            await stream.DisposeAsync();
            throw new OvsdbConnectionException($"cannot load the TLS files for {endpoint}: {e.Message}", e);
        }
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        string? chainError = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.Address,
            ClientCertificates = certificate is null ? [] : [certificate],
            RemoteCertificateValidationCallback = (_, cert, _, _) =>
                (chainError = TlsVerifier.Verify(cert, ca)) is null,
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
            return ssl;
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync();
            throw new OvsdbConnectionException(
                $"TLS with {endpoint} failed: {chainError ?? e.Message}. Check that the server's certificate is signed by " +
                $"{tls.CaCertificateFile} and that ours is accepted by the server's CA", e);
        }
    }
}
