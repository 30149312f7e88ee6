using System.CommandLine;
using Ovnk.Bench;
using Spectre.Console;

namespace Ovnk.Cli;

/// <summary>
/// <c>ovnk bench ovsdb</c>: our OVSDB client against a raw pipelined socket client (the floor) and the OVS Python IDL
/// on the same ovsdb-server, standalone then a 3-member cluster, plus the initial monitor load. Prints a table, then
/// one JSON object on the last line.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "A smoke run with small counts (seconds, not minutes)" };
        var n = new Option<int?>("--n") { Description = "Transactions per client and mode, standalone (default 5000)" };
        var clusterN = new Option<int?>("--cluster-n") { Description = "Transactions per client and mode on the cluster (default 2000)" };
        var rows = new Option<int?>("--load-rows") { Description = "Rows for the initial-load figure (default 200000)" };
        var ovsdb = new Command("ovsdb", "Benchmark the OVSDB client: raw floor, ours and the Python IDL on the same server.")
        {
            quick, n, clusterN, rows,
        };
        ovsdb.SetAction(async (r, ct) =>
        {
            var defaults = r.GetValue(quick) ? BenchSettings.Quick : BenchSettings.Full;
            var settings = defaults with
            {
                Transactions = r.GetValue(n) ?? defaults.Transactions,
                ClusterTransactions = r.GetValue(clusterN) ?? defaults.ClusterTransactions,
                LoadRows = r.GetValue(rows) ?? defaults.LoadRows,
            };
            if (settings.Transactions < 1 || settings.ClusterTransactions < 1 || settings.LoadRows < 1)
            {
                await Console.Error.WriteLineAsync("ovnk bench ovsdb: --n, --cluster-n and --load-rows must be positive");
                return 2;
            }
            var figures = await OvsdbBench.RunAsync(settings, line => Console.Error.WriteLine("bench: " + line), ct);
            AnsiConsole.Write(Table(figures));
            Console.WriteLine(figures.ToJson());
            return 0;
        });
        var bench = new Command("bench", "Benchmarks.") { ovsdb, ApiServerCommand.BenchCommand("apiserver"), ControllerBenchCommand(), PodsCommand(), LabBenchCommand() };
        if (OperatingSystem.IsLinux())
            bench.Subcommands.Add(CniBenchCommand.Create());
        return bench;
    }

    /// <summary><c>ovnk bench controller</c>: issue 5's benchmark; progress on stderr, one JSON object last on stdout.</summary>
    private static Command ControllerBenchCommand()
    {
        var quick = new Option<bool>("--quick") { Description = "A smoke run: 5 nodes, 300 pods" };
        var command = new Command("controller", "Benchmark ovnk controller against real NB + ovn-northd and the lab API server.") { quick };
        command.SetAction(async (r, ct) =>
        {
            var settings = r.GetValue(quick) ? Ovnk.Bench.Controller.ControllerBenchSettings.Quick : Ovnk.Bench.Controller.ControllerBenchSettings.Full;
            var figures = await Ovnk.Bench.Controller.ControllerBench.RunAsync(settings, line => Console.Error.WriteLine("bench: " + line), ct);
            Console.WriteLine(figures.ToJsonString());
            return 0;
        });
        return command;
    }

    /// <summary><c>ovnk bench lab</c>: issue 8's benchmark (lab up by step, a 30-replica deployment); one JSON object last.</summary>
    private static Command LabBenchCommand()
    {
        var replicas = new Option<int>("--replicas") { Description = "Replicas of the agnhost deployment.", DefaultValueFactory = _ => 30 };
        var command = new Command("lab", "Benchmark the lab: `lab up` by step, then a deployment's pods to Ready (as root).") { replicas };
        command.SetAction(async (r, ct) =>
        {
            var result = await Ovnk.Lab.Cluster.LabBenchmark.RunAsync(Ovnk.Lab.Cluster.OvnkInstall.Locate(), r.GetValue(replicas),
                line => Console.Error.WriteLine("bench: " + line), ct);
            Console.WriteLine(result.ToJsonString());
            return 0;
        });
        return command;
    }

    /// <summary><c>ovnk bench pods</c>: pod startup on one kubelet-lite node (bridge half); one JSON object last.</summary>
    private static Command PodsCommand()
    {
        var count = new Option<int>("--pods") { Description = "Pods created at once.", DefaultValueFactory = _ => 30 };
        var bridgeOnly = new Option<bool>("--bridge-only") { Description = "Skip the Ovnk half (a one-node lab with Ovnk's CNI)." };
        var pods = new Command("pods", "Benchmark pod startup on a kubelet-lite node: reference bridge CNI, then Ovnk's (as root).") { count, bridgeOnly };
        pods.SetAction(async (r, ct) =>
        {
            void Log(string line) => Console.Error.WriteLine("bench: " + line);
            var result = await Ovnk.Lab.Kubelet.Bench.PodStartupBenchmark.RunAsync(r.GetValue(count), Environment.ProcessPath ?? "ovnk", Log, ct);
            if (!r.GetValue(bridgeOnly))
            {
                var ovnk = await Ovnk.Lab.Kubelet.Bench.OvnkPodStartupBenchmark.RunAsync(Ovnk.Lab.Cluster.OvnkInstall.Locate(), r.GetValue(count), Log, ct);
                foreach (var (key, value) in ovnk) result[key] = value?.DeepClone();
                result.Remove("ovnk_note");
            }
            Console.WriteLine(result.ToJsonString());
            return 0;
        });
        return pods;
    }

    private static Table Table(BenchFigures f)
    {
        var table = new Table().AddColumns("figure", "standalone", "3-member cluster");
        foreach (var (label, key) in new[]
                 {
                     ("raw floor, sequential txn/s", "seq_raw_txn_per_s"), ("ours, sequential txn/s", "seq_ours_txn_per_s"),
                     ("Python IDL, sequential txn/s", "seq_python_txn_per_s"), ("ours ÷ raw, sequential", "seq_ratio_vs_raw"),
                     ("ours ÷ Python, sequential", "seq_ratio_vs_python"),
                     ($"raw floor, {f["window"]} in flight txn/s", "raw_txn_per_s"), ($"ours, {f["window"]} in flight txn/s", "ours_txn_per_s"),
                     ($"Python IDL, {f["window"]} in flight txn/s", "python_txn_per_s"), ("ours ÷ raw, pipelined", "ratio_vs_raw"),
                     ("ours ÷ Python, pipelined", "ratio_vs_python"),
                     ("raw client CPU µs/txn, pipelined", "raw_cpu_us_per_txn"), ("our client CPU µs/txn, pipelined", "ours_cpu_us_per_txn"),
                     ("Python IDL CPU µs/txn, pipelined", "python_cpu_us_per_txn"),
                 })
            table.AddRow(label, Format(f.Get(key)), Format(f.Get("cluster_" + key)));
        table.AddRow($"initial load of {f["load_rows"]:0} rows, ours (s)", Format(f.Get("load_200k_s")), "");
        table.AddRow("ovsdb-client dump of the same (s)", Format(f.Get("dump_200k_s")), "");
        table.AddRow("ovsdb-client --format=json dump (s)", Format(f.Get("dump_json_200k_s")), "");
        table.AddRow("raw floor: monitor reply received, unparsed (s)", Format(f.Get("raw_load_200k_s")), "");
        table.AddRow("cache bytes per row (client connected)", Format(f.Get("cache_bytes_per_row")), "");
        table.AddRow("cache bytes per row (cache alone)", Format(f.Get("cache_only_bytes_per_row")), "");
        return table;
    }

    private static string Format(double? value) => value switch
    {
        null => "",
        >= 100 => value.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
    };
}
