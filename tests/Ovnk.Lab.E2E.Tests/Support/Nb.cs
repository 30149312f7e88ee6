using Ovnk.TestSupport;

namespace Ovnk.Lab.E2E.Tests.Support;

/// <summary>The lab's Northbound database, read with ovn-nbctl through the control-plane node's own socket.</summary>
public static class Nb
{
    public static string Socket(LabFixture lab) => "unix:" + lab.Paths.NodeOwned(lab.ControlPlane, "/run/ovn/ovnnb_db.sock");

    public static async Task<string> NbctlAsync(LabFixture lab, params string[] args) =>
        (await Proc.RunAsync("ovn-nbctl", ["--db", Socket(lab), "--timeout=20", .. args], TimeSpan.FromSeconds(30)))
            .EnsureSuccess("ovn-nbctl " + string.Join(' ', args)).Stdout;

    /// <summary>Logical switch ports of pods whose name starts with NAMESPACE_PREFIX (ovn-k's LSP naming).</summary>
    public static async Task<IReadOnlyList<string>> PodPortsAsync(LabFixture lab, string ns, string prefix) =>
        [.. (await NbctlAsync(lab, "--bare", "--columns=name", "find", "Logical_Switch_Port"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.StartsWith($"{ns}_{prefix}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
