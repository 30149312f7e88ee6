using System.ComponentModel;
using System.Diagnostics;

namespace Ovnk.Node.Gateway;

/// <summary>
/// The thin shell that installs breth0's flows: <c>ovs-ofctl -O OpenFlow13 --bundle replace-flows unix:MGMT -</c>
/// with the flows on stdin, as upstream does. Not a hot path (once at setup, again only after ovs-vswitchd lost
/// them); replace-flows sends only the differences, and the bundle applies them atomically, so the bridge never
/// passes through a half-programmed state. An argument list, no shell.
/// </summary>
public static class OfctlFlowInstaller
{
    /// <summary>Bound on one ovs-ofctl run (it talks to a local socket: seconds at most, even on a loaded box).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Replaces every flow of the bridge behind <paramref name="managementSocket"/> by <paramref name="flows"/>.</summary>
    public static async Task ReplaceAsync(string managementSocket, IReadOnlyList<string> flows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var info = new ProcessStartInfo("ovs-ofctl")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in (string[])["-O", "OpenFlow13", "--bundle", "replace-flows", "unix:" + managementSocket, "-"])
            info.ArgumentList.Add(arg);
        using var process = Start(info);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.StandardInput.WriteAsync(GatewayFlows.ToText(flows).AsMemory(), timeout.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // ovs-ofctl exited before reading everything: its exit code and stderr say why.
            }
            await process.WaitForExitAsync(timeout.Token);
            await stdout;
            var error = (await stderr).Trim();
            if (process.ExitCode != 0)
                throw new GatewayFlowsException($"ovs-ofctl replace-flows on {managementSocket} failed (exit {process.ExitCode}): {error}",
                    "check that ovs-vswitchd runs and owns the bridge (ovs-vsctl show) and see its log");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayFlowsException($"ovs-ofctl replace-flows on {managementSocket} did not finish within {Timeout.TotalSeconds:0} s",
                "ovs-vswitchd is not answering on the bridge's management socket: check that it runs (ovs-appctl version)");
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    private static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new GatewayFlowsException("ovs-ofctl did not start", "install openvswitch-common");
        }
        catch (Win32Exception e)
        {
            throw new GatewayFlowsException($"cannot run ovs-ofctl ({e.Message})", "install openvswitch-common (it provides ovs-ofctl)", e);
        }
    }
}
