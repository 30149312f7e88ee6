using Ovnk.TestSupport;

namespace Ovnk.Cli.Tests.Daemons;

/// <summary>Oracle CLIs (ovs-vsctl, ovn-nbctl, ovsdb-client, ovs-appctl, ip) run in the scratch's netns with its directories.</summary>
internal static class DaemonScratchCtl
{
    public static Task<ProcessResult> RunAsync(this DaemonScratch scratch, params string[] argv) =>
        scratch.NetNs is { } ns
            ? Proc.RunAsync("ip", ["netns", "exec", ns, Proc.Which(argv[0]), .. argv[1..]], TimeSpan.FromSeconds(60), env: scratch.Env)
            : Proc.RunAsync(argv[0], argv[1..], TimeSpan.FromSeconds(60), env: scratch.Env);

    public static async Task<string> OkAsync(this DaemonScratch scratch, params string[] argv) =>
        (await scratch.RunAsync(argv)).EnsureSuccess(string.Join(' ', argv)).Stdout;
}
