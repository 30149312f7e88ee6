using System.Diagnostics;

namespace Ovnk.Cni.Tests;

/// <summary>Oracles for "the root namespace was left alone": iproute2 and iptables-save, run as separate processes.</summary>
public static class HostState
{
    public static async Task<string> RunToolAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return await stdout + await stderr;
    }

    /// <summary>Every trace a name could leave in the root namespace: a link, a netns, an iptables rule or chain.</summary>
    public static async Task AssertNoTraceAsync(params string[] names)
    {
        var links = await RunToolAsync("ip", "-o", "link", "show");
        var netns = await RunToolAsync("ip", "netns", "list");
        var iptables = File.Exists("/usr/sbin/iptables-save") ? await RunToolAsync("/usr/sbin/iptables-save") : "";
        foreach (var name in names)
        {
            Assert.DoesNotContain(name, links, StringComparison.Ordinal);
            Assert.DoesNotContain(name, netns, StringComparison.Ordinal);
            Assert.DoesNotContain(name, iptables, StringComparison.Ordinal);
        }
    }
}
