namespace Ovnk.Cni.Tests;

/// <summary>
/// One bad-input case for the differential test: a change to a complete, valid environment and config, and the
/// outcome the reference skel gives (exit status and error code; null code = nothing on stdout).
/// </summary>
public sealed record ParityCase(
    string Name,
    string Command,
    IReadOnlyDictionary<string, string?> EnvChanges,
    Func<string, string> Stdin,
    int ExpectedExit,
    int? ExpectedCode,
    int Runs = 1)
{
    public static Func<string, string> Config(string version = "1.0.0", bool withName = true) =>
        bridge => withName
            ? $$"""{"cniVersion":"{{version}}","name":"ovnkp-{{bridge}}","type":"ovn-k8s-cni-overlay","bridge":"{{bridge}}"}"""
            : $$"""{"cniVersion":"{{version}}","type":"ovn-k8s-cni-overlay","bridge":"{{bridge}}"}""";

    public static Func<string, string> Raw(string text) => _ => text;

    public static Dictionary<string, string?> Env(params (string Name, string? Value)[] changes) =>
        changes.ToDictionary(c => c.Name, c => c.Value);

    public override string ToString() => Name;
}
