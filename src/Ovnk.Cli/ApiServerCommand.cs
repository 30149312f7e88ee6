using System.CommandLine;
using Ovnk.Lab;

namespace Ovnk.Cli;

/// <summary><c>ovnk apiserver --state-dir D --listen 127.0.0.1:6443</c>: runs the lab API server until Ctrl-C.</summary>
internal static class ApiServerCommand
{
    public static Command Create()
    {
        var stateDir = new Option<string>("--state-dir") { Description = "Directory for the database, CA, token and kubeconfig.", Required = true };
        var listen = new Option<string[]>("--listen")
        {
            Description = "An address:port to serve HTTPS on (repeatable).",
            DefaultValueFactory = _ => ["127.0.0.1:6443"],
            AllowMultipleArgumentsPerToken = true,
        };
        var listenNetNs = new Option<string[]>("--listen-netns")
        {
            Description = "NETNS=address:port: also serve inside that network namespace (repeatable; e.g. ovn-control-plane=0.0.0.0:6443).",
            DefaultValueFactory = _ => [],
            AllowMultipleArgumentsPerToken = true,
        };
        var certAddress = new Option<string[]>("--cert-address")
        {
            Description = "An extra IP address for the serving certificate (repeatable; e.g. the node IP a 0.0.0.0 listener is reached at).",
            DefaultValueFactory = _ => [],
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("apiserver", "Run the lab's Kubernetes API server (HTTPS, token auth, SQLite).") { stateDir, listen, listenNetNs, certAddress };
        command.Subcommands.Add(BenchCommand());
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(stateDir)!, parse.GetValue(listen)!, parse.GetValue(listenNetNs)!, parse.GetValue(certAddress)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string stateDir, string[] listen, string[] listenNetNs, string[] certAddresses, CancellationToken cancellationToken)
    {
        ApiServerOptions options;
        try
        {
            options = new ApiServerOptions
            {
                StateDirectory = Path.GetFullPath(stateDir),
                Listen = [.. listen.Select(ApiServerOptions.ParseEndpoint)],
                NetNsListen = [.. listenNetNs.Select(NetNsEndpoint.Parse)],
                CertificateAddresses = [.. certAddresses.Select(ParseAddress)],
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"ovnk apiserver: {e.Message}");
            return 2;
        }
        ApiServer server;
        try
        {
            server = await ApiServer.StartAsync(options, cancellationToken);
        }
        catch (Exception e) when (e is IOException or Ovnk.Linux.LinuxException or System.Net.Sockets.SocketException)
        {
            await Console.Error.WriteLineAsync($"ovnk apiserver: cannot listen: {e.Message} Stop whatever holds the port or choose another --listen.");
            return 1;
        }
        await using var owned = server;
        Console.WriteLine($"ovnk apiserver: serving {string.Join(", ", server.Addresses)}; kubeconfig {server.KubeconfigPath}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C / SIGTERM: stop cleanly.
        }
        return 0;
    }

    private static System.Net.IPAddress ParseAddress(string text) =>
        System.Net.IPAddress.TryParse(text, out var address)
            ? address
            : throw new ArgumentException($"'{text}' is not an IP address; give e.g. --cert-address 172.18.0.2");

    /// <summary>
    /// <c>ovnk bench apiserver</c> (also <c>ovnk apiserver bench</c>): the issue's benchmark; prints one JSON object last.
    /// </summary>
    internal static Command BenchCommand(string name = "bench")
    {
        var pods = new Option<int>("--pods") { Description = "Pods to create.", DefaultValueFactory = _ => 5000 };
        var watchers = new Option<int>("--watchers") { Description = "Watchers attached during the creates.", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--concurrency") { Description = "Parallel create requests.", DefaultValueFactory = _ => 16 };
        var bench = new Command(name, "Benchmark the API server: creates/s with watchers, watch delivery p99, list time, SQLite floor.")
        {
            pods, watchers, concurrency,
        };
        bench.SetAction(async (parse, cancellationToken) =>
        {
            var result = await Ovnk.Lab.Bench.ApiServerBenchmark.RunAsync(
                parse.GetValue(pods), parse.GetValue(watchers), parse.GetValue(concurrency), cancellationToken);
            Console.WriteLine(result.ToJsonString());
            return 0;
        });
        return bench;
    }
}
