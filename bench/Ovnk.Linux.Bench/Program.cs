using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ovnk.Linux.Bench;
using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;

// Veth pair into a fresh netns: our netlink vs `ip` process spawns, in the same run. All work happens in namespaces
// this program creates (a "host" one and one per iteration); nothing touches the root namespace.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var suffix = Guid.NewGuid().ToString("N")[..8];
var hostName = $"ovnkbench-host-{suffix}";
var hostPath = NetNs.Create(hostName);
try
{
    using var rtnl = RtnlClient.Open(hostPath);
    var ours = Measure(iterations, i =>
    {
        var pod = NetNs.Create($"ovnkbench-{suffix}-{i}");
        rtnl.CreateVeth(new VethSpec($"vb{i}", "eth0", pod));
        return () => NetNs.Delete($"ovnkbench-{suffix}-{i}");
    });
    var spawned = Measure(iterations, i =>
    {
        var pod = $"ovnkbench-ip-{suffix}-{i}";
        Tool.Run("ip", "netns", "add", pod);
        Tool.Run("ip", "-n", hostName, "link", "add", $"vi{i}", "type", "veth", "peer", "name", "eth0", "netns", pod);
        return () => Tool.Run("ip", "netns", "del", pod);
    });

    Console.WriteLine($"netns + veth (ours, netlink):   p50 {ours.P50:F2} ms  p99 {ours.P99:F2} ms  ({iterations} runs)");
    Console.WriteLine($"netns + veth (ip, 2 spawns):    p50 {spawned.P50:F2} ms  p99 {spawned.P99:F2} ms");
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["iterations"] = iterations,
        ["ours_p50_ms"] = Math.Round(ours.P50, 3),
        ["ours_p99_ms"] = Math.Round(ours.P99, 3),
        ["ip_p50_ms"] = Math.Round(spawned.P50, 3),
        ["ip_p99_ms"] = Math.Round(spawned.P99, 3),
        ["speedup_p50"] = Math.Round(spawned.P50 / ours.P50, 2),
    }));
}
finally
{
    // Whatever an interrupted iteration left behind (ours and ip's pods), then the host namespace.
    foreach (var name in NetNs.List().Where(n => n.Contains(suffix, StringComparison.Ordinal) && n != hostName))
    {
        NetNs.Delete(name);
    }

    NetNs.Delete(hostName);
}

// Times the setup step only; the cleanup it returns runs outside the clock.
static (double P50, double P99) Measure(int iterations, Func<int, Action> step)
{
    var samples = new List<double>(iterations);
    for (var i = 0; i < iterations; i++)
    {
        var clock = Stopwatch.StartNew();
        var cleanup = step(i);
        samples.Add(clock.Elapsed.TotalMilliseconds);
        cleanup();
    }

    samples.Sort();
    return (samples[(int)(0.50 * (samples.Count - 1))], samples[(int)Math.Ceiling(0.99 * (samples.Count - 1))]);
}
