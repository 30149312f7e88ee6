using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using k8s.Models;
using Ovnk.Linux.Namespaces;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// Runs one probe. httpGet and tcpSocket connect from a socket created inside the container's network namespace
/// (so they work for any CNI and for hostNetwork pods); exec runs the command in the container's namespaces via
/// nsenter --target. Each is bounded by timeoutSeconds (default 1 s, as kubelet).
/// </summary>
public static class ProbeRunner
{
    public static async Task<(bool Ok, string Detail)> RunAsync(V1Probe probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(probe.TimeoutSeconds ?? 1));
        try
        {
            if (probe.HttpGet is { } http) return await HttpAsync(http, target, timeout.Token);
            if (probe.TcpSocket is { } tcp) return await TcpAsync(tcp, target, timeout.Token);
            if (probe.Exec is { } exec) return await ExecAsync(exec, target, timeout.Token);
            return (true, "no handler");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"timeout after {probe.TimeoutSeconds ?? 1}s");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return (false, e.Message);
        }
    }

    private static async Task<Socket> ConnectAsync(IntOrString port, string? host, ProbeTarget target, CancellationToken cancellationToken)
    {
        var socket = NamespaceRunner.Run(NamespaceSet.Net(target.NetNs), () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        try
        {
            var address = IPAddress.Parse(string.IsNullOrEmpty(host) ? target.Address : host);
            await socket.ConnectAsync(new IPEndPoint(address, int.Parse(port.Value, System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<(bool, string)> TcpAsync(V1TCPSocketAction tcp, ProbeTarget target, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(tcp.Port, tcp.Host, target, cancellationToken);
        return (true, "connected");
    }

    private static async Task<(bool, string)> HttpAsync(V1HTTPGetAction http, ProbeTarget target, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(http.Port, http.Host, target, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = $"GET {http.Path ?? "/"} HTTP/1.1\r\nHost: {target.Address}\r\nUser-Agent: kube-probe/1.32\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
        var parts = statusLine.Split(' ');
        var ok = parts.Length >= 2 && int.TryParse(parts[1], out var code) && code is >= 200 and < 400;
        return (ok, ok ? statusLine : $"HTTP probe failed with statuscode: {(parts.Length >= 2 ? parts[1] : statusLine)}");
    }

    private static async Task<(bool, string)> ExecAsync(V1ExecAction exec, ProbeTarget target, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/usr/bin/nsenter") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"--target={target.Pid}", "--net", "--uts", "--mount", "--" }.Concat(exec.Command ?? [])) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        return (process.ExitCode == 0, $"command exited {process.ExitCode}: {(await output + await errors).Trim()}");
    }
}
