using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Client;

/// <summary>Settings of an <see cref="OvsdbClient"/>. Defaults suit a controller; tests shorten the timeouts.</summary>
public sealed record OvsdbClientOptions
{
    /// <summary>TLS files for <c>ssl:</c> remotes.</summary>
    public OvsdbTlsOptions? Tls { get; init; }

    /// <summary>How long one connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest message accepted. An initial monitor reply carries a whole table, so this is large: 200k logical
    /// switch ports are ≈ 100 MB of JSON.
    /// </summary>
    public long MaxMessageBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Silence after which we send an echo; a second silent period closes the connection. Zero disables.</summary>
    public TimeSpan InactivityProbe { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The default options.</summary>
    public static OvsdbClientOptions Default { get; } = new();
}
