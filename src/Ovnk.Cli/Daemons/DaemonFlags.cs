namespace Ovnk.Cli.Daemons;

/// <summary>What was given on the command line (null = not given: the environment or the default applies).</summary>
internal sealed record DaemonFlags
{
    public string? OvsRunDir { get; init; }
    public string? OvsDbDir { get; init; }
    public string? OvsLogDir { get; init; }
    public string? OvnRunDir { get; init; }
    public string? OvnDbDir { get; init; }
    public string? OvnLogDir { get; init; }
    public string? OvnNb { get; init; }
    public string? OvnSb { get; init; }
    public int? Port { get; init; }
    public string? ListenAddress { get; init; }
    public long? InactivityProbeMs { get; init; }
    public string? OvsDb { get; init; }
    public string? LogLevel { get; init; }
}
