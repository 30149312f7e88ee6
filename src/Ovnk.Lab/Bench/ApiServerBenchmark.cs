using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Ovnk.Lab.Storage;

namespace Ovnk.Lab.Bench;

/// <summary>
/// <c>ovnk apiserver bench</c>: creates N pods over HTTPS with W watchers attached, lists them, and measures the
/// same rows inserted straight into SQLite (one transaction per row, the server's pragmas) as a same-run floor.
/// Prints one JSON object.
/// </summary>
public static class ApiServerBenchmark
{
    /// <summary>Runs the benchmark in a temp state directory (removed afterwards) and returns the result object.</summary>
    public static async Task<JsonObject> RunAsync(int pods, int watchers, int concurrency, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("ovnk-bench-").FullName;
        try
        {
            await using var server = await ApiServer.StartAsync(new ApiServerOptions
            {
                StateDirectory = directory, Listen = [new IPEndPoint(IPAddress.Loopback, 0)], RunControllers = false,
            }, cancellationToken);
            using var http = Client(server);
            var nsRevision = await PostAsync(http, "/api/v1/namespaces", """{"metadata":{"name":"bench"}}""", cancellationToken);
            var sent = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
            using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var watchTasks = Enumerable.Range(0, watchers).Select(_ => WatchAsync(server, nsRevision, pods, sent, watchStop.Token)).ToList();
            await Task.Delay(200, cancellationToken); // let the watchers connect (they replay from the namespace's revision anyway)
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, pods), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    sent[$"p{i}"] = Stopwatch.GetTimestamp();
                    await PostAsync(http, "/api/v1/namespaces/bench/pods", PodJson(i), ct);
                });
            var createSeconds = clock.Elapsed.TotalSeconds;
            watchStop.CancelAfter(TimeSpan.FromSeconds(60));
            var latencies = (await Task.WhenAll(watchTasks)).SelectMany(l => l).Order().ToList();
            clock.Restart();
            var list = await http.GetStringAsync(new Uri("/api/v1/namespaces/bench/pods", UriKind.Relative), cancellationToken);
            var listMs = clock.Elapsed.TotalMilliseconds;
            var listed = JsonNode.Parse(list)!["items"]!.AsArray().Count;
            var raw = RawSqliteInsertsPerSecond(Path.Combine(directory, "raw.db"), pods);
            return Result(pods, watchers, listed, pods / createSeconds, latencies, listMs, raw);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static JsonObject Result(int pods, int watchers, int listed, double creates, List<double> latencies, double listMs, double raw) => new()
    {
        ["pods"] = pods, ["watchers"] = watchers, ["listed"] = listed,
        ["creates_per_s"] = Math.Round(creates, 1),
        ["watch_events_delivered"] = latencies.Count,
        ["watch_delivery_p50_ms"] = Percentile(latencies, 0.50), ["watch_delivery_p99_ms"] = Percentile(latencies, 0.99),
        ["list_5000_ms"] = Math.Round(listMs, 1),
        ["sqlite_raw_inserts_per_s"] = Math.Round(raw, 1),
        ["ratio_vs_sqlite"] = Math.Round(creates / raw, 3),
    };

    private static async Task<List<double>> WatchAsync(
        ApiServer server, string from, int count, System.Collections.Concurrent.ConcurrentDictionary<string, long> sent, CancellationToken cancellationToken)
    {
        using var http = Client(server);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var latencies = new List<double>(count);
        try
        {
            using var response = await http.GetAsync(new Uri($"/api/v1/namespaces/bench/pods?watch=true&resourceVersion={from}", UriKind.Relative),
                HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (latencies.Count < count && await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var name = JsonNode.Parse(line)!["object"]!["metadata"]!["name"]!.GetValue<string>();
                if (sent.TryGetValue(name, out var start))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Bounded: report what arrived.
        }
        return latencies;
    }

    private static double RawSqliteInsertsPerSecond(string path, int rows)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = StoreSchema.Pragmas + StoreSchema.Create;
            setup.ExecuteNonQuery();
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++)
        {
            using var tx = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "INSERT INTO objects(resource, namespace, name, rv, data) VALUES('pods', 'bench', $m, $v, $d);" +
                "INSERT INTO log(rv, type, resource, namespace, name, data) VALUES($v, 'ADDED', 'pods', 'bench', $m, $d);";
            command.Parameters.AddWithValue("$m", $"p{i}");
            command.Parameters.AddWithValue("$v", i + 1);
            command.Parameters.AddWithValue("$d", PodJson(i));
            command.ExecuteNonQuery();
            tx.Commit();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static string PodJson(int i) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p{{{i}}}","labels":{"app":"bench"}},"spec":{"containers":[{"name":"c","image":"busybox:1.36","command":["sleep","infinity"]}]}}""";

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? -1 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 2);

    private static async Task<string> PostAsync(HttpClient http, string path, string json, CancellationToken cancellationToken)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!["metadata"]!["resourceVersion"]!.GetValue<string>();
    }

    private static HttpClient Client(ApiServer server)
    {
        var ca = X509Certificate2.CreateFromPem(server.CaPem);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is X509Certificate2 c && chain.Build(c);
            } },
        };
        var http = new HttpClient(handler) { BaseAddress = server.Addresses[0], Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Tokens.AdminToken);
        return http;
    }
}
