using System.Globalization;
using Ovnk.Lab.Cluster;
using Spectre.Console;

namespace Ovnk.Cli;

/// <summary>Renders <see cref="LabStatus"/> as tables.</summary>
internal static class LabStatusView
{
    public static void Print(LabStatus status)
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240; // a log or a pipe: never wrap table cells
        }
        var r = status.Record;
        AnsiConsole.MarkupLine($"Lab [bold]{Markup.Escape(r.Name)}[/] (--cni {r.Cni.ToString().ToLowerInvariant()}, API https://127.0.0.1:{r.ApiPort}, state {Markup.Escape(r.StateDirectory)})");
        var nodes = new Table().AddColumns("node", "ip", "ready", "reported ip");
        foreach (var node in r.Nodes)
        {
            var state = status.Nodes.GetValueOrDefault(node.Name);
            nodes.AddRow(node.Name, node.Ip, state is null ? "?" : state.Ready ? "[green]Ready[/]" : "[red]NotReady[/]", state?.InternalIp ?? "");
        }
        AnsiConsole.Write(nodes);
        var components = new Table().AddColumns("component", "pid", "alive", "log");
        foreach (var c in status.Components)
        {
            components.AddRow(c.Name, c.Pid?.ToString(CultureInfo.InvariantCulture) ?? "", c.Alive ? "[green]yes[/]" : "[red]no[/]", Markup.Escape(c.LogFile));
        }
        AnsiConsole.Write(components);
        if (status.OvnkPods.Count > 0)
        {
            var pods = new Table().AddColumns("pod (ovn-kubernetes)", "node", "ready", "restarts");
            foreach (var p in status.OvnkPods)
            {
                pods.AddRow(p.Name, p.Node ?? "", p.Ready ? "[green]yes[/]" : "[red]no[/]", p.Restarts.ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(pods);
        }
        if (status.Latency is { } l)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pod created → Ready ({l.Pods} pods, 1 s resolution): p50 {l.P50.TotalSeconds:0} s, p99 {l.P99.TotalSeconds:0} s, max {l.Max.TotalSeconds:0} s"));
        }
        if (status.ApiError is not null)
        {
            AnsiConsole.MarkupLine($"[red]API:[/] {Markup.Escape(status.ApiError)}");
        }
    }
}
