using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ovnk.Lab.Cluster;
using Spectre.Console;

namespace Ovnk.Cli;

/// <summary><c>ovnk lab up|down|status|exec|kubeconfig</c>: the lab cluster (docs/lab.md).</summary>
internal static class LabClusterCommands
{
    private static readonly Option<string> Name = new("--name") { Description = "The lab's name (node names NAME-control-plane, NAME-worker, …).", DefaultValueFactory = _ => LabOptions.DefaultName };
    private static readonly Option<string?> StateDir = new("--state-dir") { Description = "The lab's state directory (default /var/lib/ovnk-lab/NAME)." };

    public static IEnumerable<Command> Create() => [Up(), Down(), Status(), Exec(), Kubeconfig(), Reload()];

    private static LabPaths PathsOf(ParseResult parse) =>
        parse.GetValue(StateDir) is { } dir ? new LabPaths(dir) : LabPaths.Default(parse.GetValue(Name)!);

    /// <summary>The lab's name: lab.json's when --state-dir points at one, else --name.</summary>
    private static string NameOf(ParseResult parse, LabPaths paths) =>
        parse.GetValue(StateDir) is not null && LabRecord.Load(paths.RecordFile) is { } record ? record.Name : parse.GetValue(Name)!;

    private static Command Up()
    {
        var nodes = new Option<int>("--nodes") { Description = "Worker nodes.", DefaultValueFactory = _ => 2 };
        var cni = new Option<string>("--cni") { Description = "ovnk (Ovnk as pods from deploy/) or bridge (reference bridge + host-local).", DefaultValueFactory = _ => "ovnk" };
        cni.AcceptOnlyFromAmong("ovnk", "bridge");
        var apiPort = new Option<int>("--api-port") { Description = "The API server's port on 127.0.0.1.", DefaultValueFactory = _ => 6443 };
        var deployDir = new Option<string?>("--deploy-dir") { Description = "The Ovnk manifests (default: deploy/ of the repo ovnk was built in)." };
        var command = new Command("up", "Bring up the lab cluster (as root): underlay, API server, kubelets, Ovnk; safe to repeat.")
        {
            Name, StateDir, nodes, cni, apiPort, deployDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var install = OvnkInstall.Locate();
            var name = parse.GetValue(Name)!;
            try
            {
                LabTopology.ValidateName(name);
                var options = new LabOptions
                {
                    Name = name,
                    Workers = parse.GetValue(nodes),
                    Cni = parse.GetValue(cni) == "bridge" ? LabCni.Bridge : LabCni.Ovnk,
                    Paths = PathsOf(parse),
                    ApiPort = parse.GetValue(apiPort),
                    OvnkBinary = install.Binary,
                    DeployDirectory = parse.GetValue(deployDir) is { } d ? Path.GetFullPath(d) : install.DeployDirectory,
                };
                var clock = Stopwatch.StartNew();
                AnsiConsole.MarkupLine($"Bringing up lab [bold]{Markup.Escape(name)}[/] ({options.Workers + 1} nodes, --cni {parse.GetValue(cni)}) in {Markup.Escape(options.Paths.Root)}");
                var up = new LabUp(options, new ConsoleLabProgress());
                await up.RunAsync(cancellationToken);
                PrintNextSteps(options, up.Topology, clock.Elapsed);
                return 0;
            }
            catch (LabException e)
            {
                ConsoleLabProgress.Failed(e);
                return 1;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"ovnk lab up: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void PrintNextSteps(LabOptions options, LabTopology topology, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lab {options.Name} is up in {elapsed.TotalSeconds:0.0} s. Try:"));
        Console.WriteLine();
        Console.WriteLine($"  export KUBECONFIG={options.Paths.Kubeconfig}");
        Console.WriteLine("  kubectl get nodes -o wide");
        Console.WriteLine(options.Cni == LabCni.Ovnk ? "  kubectl get pods -n ovn-kubernetes -o wide" : "  kubectl create deploy web --image nginx --replicas=2 && kubectl get pods -o wide");
        Console.WriteLine(options.Cni == LabCni.Ovnk
            ? $"  ovnk lab exec {topology.ControlPlane.Name} -- ovs-vsctl show"
            : $"  ovnk lab exec {topology.Workers.FirstOrDefault()?.Name ?? topology.ControlPlane.Name} -- ip r");
    }

    private static Command Down()
    {
        var keep = new Option<bool>("--keep") { Description = "Keep the state directory (logs, database) after stopping everything." };
        var command = new Command("down", "Stop the lab and remove everything it created (also after a crash).") { Name, StateDir, keep };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = PathsOf(parse);
            try
            {
                await new LabDown(NameOf(parse, paths), paths, new ConsoleLabProgress()).RunAsync(parse.GetValue(keep), cancellationToken);
                return 0;
            }
            catch (LabException e)
            {
                ConsoleLabProgress.Failed(e);
                return 1;
            }
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "Show the lab's nodes, components and Ovnk pods.") { Name, StateDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                LabStatusView.Print(await LabStatus.GatherAsync(PathsOf(parse), cancellationToken));
                return 0;
            }
            catch (LabException e)
            {
                ConsoleLabProgress.Failed(e);
                return 1;
            }
        });
        return command;
    }

    private static Command Exec()
    {
        var node = new Argument<string>("node") { Description = "The node, e.g. ovn-worker." };
        var commandArgs = new Argument<string[]>("command") { Description = "The command (after --).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Run a command inside a node's network, UTS and mount namespaces (like `podman exec NODE`).")
        {
            Name, StateDir, node, commandArgs,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = PathsOf(parse);
            try
            {
                var record = LabRecord.Load(paths.RecordFile)
                    ?? throw new LabException("exec", $"no lab in {paths.Root}", "start one with `ovnk lab up`, or give --name/--state-dir");
                var argv = LabExec.Command(paths, record, parse.GetValue(node)!, parse.GetValue(commandArgs)!);
                var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
                foreach (var arg in argv.Skip(1)) info.ArgumentList.Add(arg);
                using var process = Process.Start(info)!;
                await process.WaitForExitAsync(cancellationToken);
                return process.ExitCode;
            }
            catch (LabException e)
            {
                ConsoleLabProgress.Failed(e);
                return 1;
            }
        });
        return command;
    }

    private static Command Reload()
    {
        var noBuild = new Option<bool>("--no-build") { Description = "Do not run scripts/build.sh; only roll the pods onto the current build." };
        var only = new Option<string[]>("--only")
        {
            Description = $"Roll only these components ({string.Join(", ", LabReload.Components)}).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        only.AcceptOnlyFromAmong([.. LabReload.Components]);
        var command = new Command("reload", "Rebuild Ovnk into a new release dir, switch .build/current, and roll the lab's Ovnk pods onto it.")
        {
            Name, StateDir, noBuild, only,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var components = parse.GetValue(only) is { Length: > 0 } chosen ? LabReload.Components.Where(chosen.Contains).ToList() : LabReload.Components;
            try
            {
                await new LabReload(PathsOf(parse), new ConsoleLabProgress()).RunAsync(OvnkInstall.Locate(), !parse.GetValue(noBuild), components, cancellationToken);
                return 0;
            }
            catch (LabException e)
            {
                ConsoleLabProgress.Failed(e);
                return 1;
            }
        });
        return command;
    }

    private static Command Kubeconfig()
    {
        var command = new Command("kubeconfig", "Print the path of the lab's kubeconfig (export KUBECONFIG=$(ovnk lab kubeconfig)).") { Name, StateDir };
        command.SetAction(parse =>
        {
            var paths = PathsOf(parse);
            if (!File.Exists(paths.Kubeconfig))
            {
                Console.Error.WriteLine($"ovnk lab kubeconfig: {paths.Kubeconfig} does not exist; bring the lab up with `ovnk lab up`");
                return 1;
            }
            Console.WriteLine(paths.Kubeconfig);
            return 0;
        });
        return command;
    }
}
