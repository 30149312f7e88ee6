using System.Net;

namespace Ovnk.Lab;

/// <summary>
/// An endpoint to listen on inside another network namespace (the lab's control-plane node, so pods reach the API
/// server at the node IP): <c>NETNS=ADDRESS:PORT</c>, NETNS a /run/netns name or a namespace file path.
/// </summary>
public sealed record NetNsEndpoint(string NetNsPath, IPEndPoint Endpoint)
{
    /// <summary>Parses <c>NETNS=ADDRESS:PORT</c> as the CLI gives it.</summary>
    public static NetNsEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new ArgumentException($"'{text}' is not NETNS=ADDRESS:PORT; give e.g. ovn-control-plane=0.0.0.0:6443");
        }
        var ns = text[..equals];
        var path = ns.Contains('/', StringComparison.Ordinal) ? ns : Ovnk.Linux.Namespaces.NetNs.PathOf(ns);
        return new NetNsEndpoint(path, ApiServerOptions.ParseEndpoint(text[(equals + 1)..]));
    }

    public override string ToString() => $"{NetNsPath}={Endpoint}";
}
