using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Ovnk.Lab.Tests;

/// <summary>
/// kill -9 of an `ovnk apiserver` child during a write loop: on restart every acknowledged write is there and
/// revisions continue above every acknowledged one (never reused).
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("ovnk-crash-").FullName;

    [Fact]
    public async Task KillDuringWrites_LosesNoAcknowledgedWrite()
    {
        var port = FreePort();
        var acknowledged = await WriteUntilKilledAsync(port);
        Assert.True(acknowledged.Count > 10, $"only {acknowledged.Count} writes were acknowledged before the kill");

        using var restarted = StartServer(port);
        try
        {
            using var http = await ConnectAsync(port);
            var list = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/namespaces/crash/configmaps", UriKind.Relative), TestContext.Current.CancellationToken))!;
            var stored = list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToHashSet();
            var lost = acknowledged.Keys.Where(k => !stored.Contains(k)).ToList();
            Assert.True(lost.Count == 0, $"acknowledged but lost after kill -9: {string.Join(", ", lost)}");
            var after = await CreateAsync(http, "/api/v1/namespaces/crash/configmaps", "{\"metadata\":{\"name\":\"after-restart\"}}");
            var afterRevision = long.Parse(after["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            Assert.True(afterRevision > acknowledged.Values.Max());

            // A watcher resuming from before the crash sees every change once, in order, up to the new write.
            var events = await ReplayAsync(http, acknowledged.Values.Min(), afterRevision);
            Assert.Equal(events.Count, events.Select(e => e.Name).Distinct().Count());
            Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Revision < p.Second.Revision));
            Assert.Empty(acknowledged.Where(a => a.Value > acknowledged.Values.Min()).Select(a => a.Key).Except(events.Select(e => e.Name)));
            Assert.Equal("after-restart", events[^1].Name);
        }
        finally
        {
            restarted.Kill();
            await restarted.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private Process StartServer(int port)
    {
        var binary = Path.Combine(AppContext.BaseDirectory, "ovnk");
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "apiserver", "--state-dir", _state, "--listen", $"127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"{binary} did not start");
    }

    private async Task<HttpClient> ConnectAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            var caPath = Path.Combine(_state, "ca.crt");
            var tokenPath = Path.Combine(_state, "admin.token");
            if (File.Exists(caPath) && File.Exists(tokenPath))
            {
                var http = Client(port, X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(caPath, TestContext.Current.CancellationToken)), await File.ReadAllTextAsync(tokenPath, TestContext.Current.CancellationToken));
                try
                {
                    using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
                    if (ready.IsSuccessStatusCode)
                    {
                        return http;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                http.Dispose();
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException("ovnk apiserver did not become ready in 30 s");
    }

    /// <summary>Creates configmaps in a loop, kill -9s the server mid-loop, and returns what was acknowledged.</summary>
    private async Task<Dictionary<string, long>> WriteUntilKilledAsync(int port)
    {
        var acknowledged = new Dictionary<string, long>();
        using (var child = StartServer(port))
        {
            try
            {
                using var http = await ConnectAsync(port);
                await CreateAsync(http, "/api/v1/namespaces", "{\"metadata\":{\"name\":\"crash\"}}");
                using var writes = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                var killAfter = Stopwatch.StartNew();
                for (var i = 0; i < 100_000 && !writes.IsCancellationRequested; i++)
                {
                    if (killAfter.ElapsedMilliseconds > 700 && !child.HasExited)
                    {
                        child.Kill(); // SIGKILL while writes are in flight: no chance to flush or close anything
                    }
                    var name = $"cm{i}";
                    try
                    {
                        var created = await CreateAsync(http, "/api/v1/namespaces/crash/configmaps", $"{{\"metadata\":{{\"name\":\"{name}\"}}}}");
                        acknowledged[name] = long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    }
                    catch (HttpRequestException)
                    {
                        break; // the server died mid-loop: unacknowledged from here on
                    }
                }
            }
            finally
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }
                await child.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
        return acknowledged;
    }

    private static async Task<List<(string Name, long Revision)>> ReplayAsync(HttpClient http, long from, long until)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(new Uri($"/api/v1/namespaces/crash/configmaps?watch=true&resourceVersion={from}", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<(string, long)>();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            var metadata = JsonNode.Parse(line)!["object"]!["metadata"]!;
            var revision = long.Parse(metadata["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            events.Add((metadata["name"]!.GetValue<string>(), revision));
            if (revision >= until)
            {
                break;
            }
        }
        return events;
    }

    private static HttpClient Client(int port, X509Certificate2 ca, string token)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return cert is not null && chain.Build(cert);
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        return http;
    }

    private static async Task<JsonNode> CreateAsync(HttpClient http, string path, string json)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_state, recursive: true);
}
