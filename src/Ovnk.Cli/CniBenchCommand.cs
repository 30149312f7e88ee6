using System.CommandLine;
using Ovnk.Bench.Cni;

namespace Ovnk.Cli;

/// <summary>
/// <c>ovnk bench cni</c>: issue 6's benchmark (serial ADD/DEL, a burst, same-run floors, the reference bridge plugin).
/// Progress on stderr; the breakdown, then one JSON object last on stdout.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class CniBenchCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Serial ADD/DEL pairs; also the sample count of each floor and of the bridge plugin.", DefaultValueFactory = _ => CniBenchSettings.DefaultCount };
        var burst = new Option<int>("--burst") { Description = "ADDs started at once.", DefaultValueFactory = _ => CniBenchSettings.DefaultBurst };
        var plugin = new Option<string?>("--plugin") { Description = "The ovn-k8s-cni-overlay binary (default: the one ./scripts/build.sh published in this checkout)." };
        var command = new Command("cni", "Benchmark CNI ADD/DEL through ovn-k8s-cni-overlay and the node agent on one node with real OVS/OVN daemons.") { count, burst, plugin };
        command.SetAction(async (r, ct) =>
        {
            var (n, b) = (r.GetValue(count), r.GetValue(burst));
            if (n < 1 || b < 1 || n + b > 1500)
            {
                await Console.Error.WriteLineAsync("ovnk bench cni: --count and --burst must be positive, and together at most 1500 (the node subnet is a /20)");
                return 2;
            }
            var path = r.GetValue(plugin) ?? FindPlugin();
            if (path is null || !File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"ovnk bench cni: the ovn-k8s-cni-overlay plugin was not found{(path is null ? "" : " at " + path)}: run ./scripts/build.sh in the checkout, or pass --plugin PATH");
                return 2;
            }
            var figures = await CniBench.RunAsync(new CniBenchSettings(n, b, path), line => Console.Error.WriteLine("bench: " + line), ct);
            foreach (var line in CniBench.Describe(figures)) Console.WriteLine(line);
            Console.WriteLine(figures.ToJsonString());
            return 0;
        });
        return command;
    }

    /// <summary>The NativeAOT plugin the solution build publishes (src/Ovnk.Cni/bin/Release/…/publish), from any directory of the checkout's build outputs upwards.</summary>
    private static string? FindPlugin()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "cni-plugin", "ovn-k8s-cni-overlay");
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var publish = new DirectoryInfo(Path.Combine(dir.FullName, "src", "Ovnk.Cni", "bin", "Release", "net10.0"));
            if (!publish.Exists) continue;
            return publish.GetDirectories().Select(rid => Path.Combine(rid.FullName, "publish", "ovn-k8s-cni-overlay")).FirstOrDefault(File.Exists);
        }
        return null;
    }
}
