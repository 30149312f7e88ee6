using System.CommandLine;
using Ovnk.Cli;

var root = new RootCommand("Ovnk: OVN-Kubernetes in C#, and the workshop in a box.");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(Ovnk.Cli.Mon.MonCommand.Create());
root.Subcommands.Add(ApiServerCommand.Create());
if (OperatingSystem.IsLinux())
    root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ControllerCommand.Create());
root.Subcommands.Add(LabCommand.Create());
if (OperatingSystem.IsLinux())
    root.Subcommands.Add(Ovnk.Cli.Daemons.DaemonCommand.Create());
return await root.Parse(args).InvokeAsync();
