namespace Ovnk.Lab.Streaming;

/// <summary>
/// The Kubernetes WebSocket channel protocol (KEP-3396; apimachinery wsstream, client-go remotecommand): binary
/// messages whose first byte is the channel. v4 adds the Status JSON on the error channel; v5 adds 255 = close one
/// channel (payload: the channel number), which is how kubectl sends end of stdin.
/// </summary>
public static class ChannelProtocol
{
    /// <summary>kubectl 1.30+ asks for this one only (KUBECTL-NOTES.md item 6).</summary>
    public const string V5 = "v5.channel.k8s.io";

    /// <summary>KubernetesClient and older kubectl.</summary>
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>stdin (client → server).</summary>
    public const byte Stdin = 0;

    /// <summary>stdout (server → client).</summary>
    public const byte Stdout = 1;

    /// <summary>stderr (server → client).</summary>
    public const byte Stderr = 2;

    /// <summary>The error channel: one Status JSON when the process ends (server → client).</summary>
    public const byte Error = 3;

    /// <summary>Terminal resize: JSON {"Width":…,"Height":…} (client → server).</summary>
    public const byte Resize = 4;

    /// <summary>v5: close the channel named by the payload's single byte.</summary>
    public const byte Close = 255;

    /// <summary>The protocols served, most preferred first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V5, V4];

    /// <summary>The protocol to answer with: the first of ours the client offers (null: none, a 400).</summary>
    public static string? Negotiate(IEnumerable<string> offered)
    {
        var set = offered.SelectMany(o => o.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return Supported.FirstOrDefault(set.Contains);
    }
}
