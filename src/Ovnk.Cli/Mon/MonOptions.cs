namespace Ovnk.Cli.Mon;

/// <summary>The options shared by every <c>ovnk mon</c> action.</summary>
internal sealed record MonOptions(
    string Remote,
    string? Database,
    bool Auto,
    IReadOnlyList<string> Monitor,
    IReadOnlyList<string> NoMonitor,
    int? MaxEvents,
    string? StateDirectory = null);
