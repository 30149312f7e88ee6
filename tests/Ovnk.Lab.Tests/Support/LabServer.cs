using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Ovnk.Lab.Tests.Support;

/// <summary>An API server on 127.0.0.1 with a free port and its own temp state directory, removed on dispose.</summary>
public sealed class LabServer : IAsyncDisposable
{
    private LabServer(ApiServer server, string directory)
    {
        Server = server;
        Directory = directory;
    }

    /// <summary>The running server.</summary>
    public ApiServer Server { get; }

    /// <summary>The temp directory holding the state.</summary>
    public string Directory { get; }

    /// <summary>The kubeconfig the server wrote.</summary>
    public string Kubeconfig => Server.KubeconfigPath;

    /// <summary>The https base URL.</summary>
    public Uri BaseAddress => Server.Addresses[0];

    /// <summary>Starts a server; <paramref name="retainedEvents"/> bounds watch resumption (for 410 tests).</summary>
    public static async Task<LabServer> StartAsync(int retainedEvents = 100_000, TimeSpan? bookmarkInterval = null, string? directory = null, bool controllers = false)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "ovnk-lab-test-" + Guid.NewGuid().ToString("N")[..12]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = await ApiServer.StartAsync(new ApiServerOptions
        {
            StateDirectory = directory,
            Listen = [new IPEndPoint(IPAddress.Loopback, 0)],
            RetainedEvents = retainedEvents,
            RunControllers = controllers,
            BookmarkInterval = bookmarkInterval ?? TimeSpan.FromSeconds(30),
        }, timeout.Token);
        return new LabServer(server, directory);
    }

    /// <summary>A KubernetesClient built from the kubeconfig (as users would).</summary>
    public Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));

    /// <summary>An HttpClient that trusts the lab CA and sends the token unless <paramref name="token"/> is "".</summary>
    public HttpClient Http(string? token = null)
    {
        var ca = X509Certificate2.CreateFromPem(Server.CaPem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(cert);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        token ??= Server.Tokens.AdminToken;
        if (token.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a watcher may still hold a file for a moment.
        }
    }
}
