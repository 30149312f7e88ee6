using System.Net;

namespace Ovnk.Lab;

/// <summary>How to run an <see cref="ApiServer"/>.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Where the database, CA, token and kubeconfig live (created when missing).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The endpoints to listen on (HTTPS only); port 0 picks a free port.</summary>
    public IReadOnlyList<IPEndPoint> Listen { get; init; } = [new(IPAddress.Loopback, 6443)];

    /// <summary>
    /// Endpoints inside other network namespaces (the lab's control-plane node: pods reach the server at the node IP).
    /// Their sockets are opened inside the namespace and handed to Kestrel.
    /// </summary>
    public IReadOnlyList<NetNsEndpoint> NetNsListen { get; init; } = [];

    /// <summary>Extra IP addresses for the serving certificate (an address a 0.0.0.0 listener is reached at).</summary>
    public IReadOnlyList<IPAddress> CertificateAddresses { get; init; } = [];

    /// <summary>Where to write the kubeconfig; defaults to <c>{StateDirectory}/kubeconfig</c>.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>How many change-log rows watch resumption can replay; older resourceVersions get 410 Gone.</summary>
    public int RetainedEvents { get; init; } = 100_000;

    /// <summary>How often an idle watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the in-process scheduler and workload controllers (the lab does; API-only tests may not).</summary>
    public bool RunControllers { get; init; } = true;

    /// <summary>Parses "host:port" (IPv4, or [IPv6]:port) as the CLI and lab configuration give it.</summary>
    public static IPEndPoint ParseEndpoint(string text)
    {
        if (IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal))
        {
            return endpoint;
        }
        throw new ArgumentException($"'{text}' is not an endpoint; give an address and port such as 127.0.0.1:6443");
    }
}
