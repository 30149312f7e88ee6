using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>Ten concurrent watchers (raw HTTP, KubernetesClient and kubectl get -w) each see every write once, in order.</summary>
public sealed class WatchLoadTests : IAsyncLifetime
{
    private LabServer? _server;

    private LabServer Server => _server!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _server = await LabServer.StartAsync(); // full retention: watchers may connect late

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private const int Writes = 2000;

    [Fact]
    public async Task TenWatchers_SeeEveryOneOf2000WritesExactlyOnceInOrder()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(3));
        using var http = Server.Http();
        var ns = ServerFixture.UniqueName("load");
        var created = await PostAsync(http, "/api/v1/namespaces", $"{{\"metadata\":{{\"name\":\"{ns}\"}}}}", cts.Token);
        await PostAsync(http, $"/api/v1/namespaces/{ns}/configmaps", "{\"metadata\":{\"name\":\"marker\"}}", cts.Token);
        var from = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        var watchers = Enumerable.Range(0, 8).Select(_ => RawWatchAsync(ns, from, Writes + 1, cts.Token)).ToList();
        watchers.Add(ClientWatchAsync(ns, from, Writes + 1, cts.Token));
        using var kubectl = new Kubectl(Server.Kubeconfig);
        using var kubectlWatch = kubectl.Start(["get", "cm", "-n", ns, "-w", "-o", "jsonpath={.metadata.name}{\"\\n\"}"]);
        try
        {
            Assert.Equal("marker", await kubectlWatch.StandardOutput.ReadLineAsync(cts.Token)); // listed: its watch resumes from the list
            for (var i = 0; i < Writes; i += 4)
            {
                var batch = Enumerable.Range(i, 4).Select(j => PostAsync(http, $"/api/v1/namespaces/{ns}/configmaps", $"{{\"metadata\":{{\"name\":\"c{j}\"}}}}", cts.Token));
                await Task.WhenAll(batch);
            }
            var results = await Task.WhenAll(watchers);
            foreach (var events in results)
            {
                Assert.Equal(Writes + 1, events.Count);
                Assert.Equal(events.Count, events.Select(e => e.Name).Distinct().Count());
                Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Revision < p.Second.Revision), "events out of revision order");
            }
            var names = new HashSet<string>();
            while (names.Count < Writes && await kubectlWatch.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                Assert.True(names.Add(line), $"kubectl get -w printed {line} twice");
            }
            Assert.Equal(Enumerable.Range(0, Writes).Select(j => $"c{j}").ToHashSet(), names);
        }
        finally
        {
            kubectlWatch.Kill(entireProcessTree: true);
        }
    }

    private async Task<List<(string Name, long Revision)>> RawWatchAsync(string ns, string from, int count, CancellationToken cancellationToken)
    {
        using var http = Server.Http();
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await http.GetAsync(new Uri($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={from}", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var events = new List<(string, long)>();
        while (events.Count < count && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var metadata = JsonNode.Parse(line)!["object"]!["metadata"]!;
            events.Add((metadata["name"]!.GetValue<string>(), long.Parse(metadata["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
        }
        return events;
    }

    private async Task<List<(string Name, long Revision)>> ClientWatchAsync(string ns, string from, int count, CancellationToken cancellationToken)
    {
        var client = Server.Client();
        var events = new List<(string, long)>();
        await foreach (var (_, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: from, cancellationToken: cancellationToken))
        {
            events.Add((cm.Metadata.Name, long.Parse(cm.Metadata.ResourceVersion, CultureInfo.InvariantCulture)));
            if (events.Count == count)
            {
                break;
            }
        }
        return events;
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, string json, CancellationToken cancellationToken)
    {
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }
}
