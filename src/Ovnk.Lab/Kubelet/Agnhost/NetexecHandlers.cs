using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Ovnk.Lab.Kubelet.Agnhost;

/// <summary>netexec's request handlers, with agnhost's response texts.</summary>
public static class NetexecHandlers
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<(int Code, string Body)> HandleAsync(string target, string client, CancellationToken cancellationToken)
    {
        var path = target.Split('?')[0];
        var query = HttpUtility.ParseQueryString(target.Contains('?') ? target[(target.IndexOf('?') + 1)..] : "");
        switch (path)
        {
            case "/":
                return (200, $"NOW: {DateTime.Now:yyyy-MM-dd HH:mm:ss.fffffff zzz}");
            case "/hostname":
                return (200, System.Net.Dns.GetHostName());
            case "/clientip":
                return (200, client);
            case "/echo":
                return (200, query["msg"] ?? "");
            case "/healthz" or "/readyz":
                return (200, "ok");
            case "/shell":
                return (200, await ShellAsync(query["shellCommand"] ?? query["cmd"] ?? "", cancellationToken));
            case "/dial":
                return await DialAsync(query, cancellationToken);
            default:
                return (404, "404 page not found");
        }
    }

    public static string Udp(string text, string client) => text switch
    {
        "hostname" => System.Net.Dns.GetHostName(),
        "clientip" => client,
        _ when text.StartsWith("echo ", StringComparison.Ordinal) => text[5..],
        _ => "",
    };

    private static async Task<string> ShellAsync(string command, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var json = new JsonObject { ["output"] = output };
        if (process.ExitCode != 0) json["error"] = error.Length > 0 ? error : $"exit status {process.ExitCode}";
        return json.ToJsonString();
    }

    /// <summary>/dial?request=hostname&amp;protocol=http|udp&amp;host=H&amp;port=P&amp;tries=N → {"responses":[…],"errors":[…]}.</summary>
    private static async Task<(int, string)> DialAsync(System.Collections.Specialized.NameValueCollection query, CancellationToken cancellationToken)
    {
        var host = query["host"];
        var port = query["port"];
        if (host is null || port is null) return (400, "host and port are required");
        var request = query["request"] ?? "hostname";
        var protocol = query["protocol"] ?? "http";
        var tries = int.TryParse(query["tries"], out var t) ? Math.Clamp(t, 1, 100) : 1;
        var responses = new JsonArray();
        var errors = new JsonArray();
        var hostPart = host.Contains(':') ? $"[{host}]" : host;
        for (var i = 0; i < tries; i++)
        {
            try
            {
                responses.Add(protocol == "udp"
                    ? await UdpAsync(host, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), request, cancellationToken)
                    : await Http.GetStringAsync(new Uri($"http://{hostPart}:{port}/{request.TrimStart('/')}"), cancellationToken));
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or FormatException)
            {
                errors.Add(e.Message);
            }
        }
        var json = new JsonObject { ["responses"] = responses };
        if (errors.Count > 0) json["errors"] = errors;
        return (200, json.ToJsonString());
    }

    private static async Task<string> UdpAsync(string host, int port, string request, CancellationToken cancellationToken)
    {
        using var udp = new UdpClient(host.Contains(':') ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        udp.Connect(host, port);
        await udp.SendAsync(Encoding.UTF8.GetBytes(request), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var reply = await udp.ReceiveAsync(timeout.Token);
        return Encoding.UTF8.GetString(reply.Buffer);
    }
}
