using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>HTTP-level semantics with an HttpClient and KubernetesClient: auth, errors, concurrency, pagination, watch.</summary>
public sealed class ApiSemanticsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Request_WithoutToken_Is401Status()
    {
        using var http = fixture.Server.Http(token: "");
        using var response = await http.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative), Timeout);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout))!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Unauthorized", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_MalformedJson_Is400AndNothingStored()
    {
        using var http = fixture.Server.Http();
        using var body = new StringContent("{\"metadata\": {\"name\": \"x\"", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/v1/namespaces", UriKind.Relative), body, Timeout);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout))!;
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        using var get = await http.GetAsync(new Uri("/api/v1/namespaces/x", UriKind.Relative), Timeout);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Update_WithStaleResourceVersion_Is409()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), ns, cancellationToken: Timeout);
        created.Data = new Dictionary<string, string> { ["a"] = "1" };
        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns, cancellationToken: Timeout);
        Assert.NotEqual(created.ResourceVersion(), updated.ResourceVersion());
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(
            () => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns, cancellationToken: Timeout));
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Create_GenerateName_GetsUniqueNameUidAndTimestamp()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        var a = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns, cancellationToken: Timeout);
        var b = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns, cancellationToken: Timeout);
        Assert.StartsWith("gen-", a.Name(), StringComparison.Ordinal);
        Assert.NotEqual(a.Name(), b.Name());
        Assert.NotEqual(a.Uid(), b.Uid());
        Assert.NotNull(a.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task List_WithLimit_PagesThroughEverythingOnce()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        for (var i = 0; i < 7; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"p{i}"), ns, cancellationToken: Timeout);
        }
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 3, continueParameter: token, cancellationToken: Timeout);
            names.AddRange(page.Items.Select(c => c.Name()));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token) && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p{i}"), names);
    }

    [Fact]
    public async Task List_FieldAndLabelSelectors_Filter()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("a", "node-1", "web"), ns, cancellationToken: Timeout);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("b", "node-2", "web"), ns, cancellationToken: Timeout);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("c", "node-1", "db"), ns, cancellationToken: Timeout);
        var onNode1 = await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "spec.nodeName=node-1", cancellationToken: Timeout);
        Assert.Equal(["a", "c"], onNode1.Items.Select(p => p.Name()));
        var webNotNode1 = await client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "spec.nodeName!=node-1", labelSelector: "app in (web)", cancellationToken: Timeout);
        Assert.Equal(["b"], webNotNode1.Items.Select(p => p.Name()));
        var pending = await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"status.phase=Pending,metadata.namespace={ns}", cancellationToken: Timeout);
        Assert.Equal(3, pending.Items.Count);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysLaterEventsInOrder()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("w0"), ns, cancellationToken: Timeout);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("w1"), ns, cancellationToken: Timeout);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("w0", ns, cancellationToken: Timeout);
        var events = await ReadWatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={first.ResourceVersion()}", 2);
        Assert.Equal(["ADDED w1", "DELETED w0"], events.Select(e => $"{e["type"]} {e["object"]!["metadata"]!["name"]}"));
        var revisions = events.Select(e => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(revisions[0] < revisions[1]);
    }

    [Fact]
    public async Task Watch_LabelSelector_StoppingToMatchIsDeleted_StartingIsAdded_ReplayedAndLive()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Labelled("a", "x"), ns, cancellationToken: Timeout);
        var url = $"/api/v1/namespaces/{ns}/configmaps?watch=true&labelSelector=app%3Dx";
        using var http = fixture.Server.Http();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var live = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        Assert.Equal("ADDED a app=x", Describe(JsonNode.Parse((await live.ReadLineAsync(cts.Token))!)!)); // the initial state: now live

        await RelabelAsync(client, ns, "y");
        await RelabelAsync(client, ns, "x");
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "a", ns, cancellationToken: Timeout);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Labelled("other", "y"), ns, cancellationToken: Timeout);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Labelled("b", "x"), ns, cancellationToken: Timeout);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("b", ns, cancellationToken: Timeout);

        string[] expected = ["DELETED a app=x", "ADDED a app=x", "MODIFIED a app=x", "ADDED b app=x", "DELETED b app=x"];
        var liveEvents = new List<string>();
        while (liveEvents.Count < expected.Length && await live.ReadLineAsync(cts.Token) is { } line)
        {
            liveEvents.Add(Describe(JsonNode.Parse(line)!));
        }
        Assert.Equal(expected, liveEvents);
        var replayed = await ReadWatchAsync($"{url}&resourceVersion={created.ResourceVersion()}", 5);
        Assert.Equal(expected, replayed.Select(Describe));
        // The DELETED event carries the object as it last matched, stamped with the revision of the change.
        Assert.True(long.Parse(replayed[0]["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(created.ResourceVersion(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(patched.ResourceVersion(), replayed[2]["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());

        static string Describe(JsonNode e) =>
            $"{e["type"]} {e["object"]!["metadata"]!["name"]} app={e["object"]!["metadata"]!["labels"]!["app"]}";
    }

    private static V1ConfigMap Labelled(string name, string app) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } } };

    private static Task<V1ConfigMap> RelabelAsync(Kubernetes client, string ns, string app) =>
        client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } } }.ToJsonString(), V1Patch.PatchType.MergePatch), "a", ns, cancellationToken: Timeout);

    [Fact]
    public async Task Watch_FromCompactedResourceVersion_Gets410Expired()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        var old = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("old"), ns, cancellationToken: Timeout);
        for (var i = 0; i < 120; i++) // the fixture retains 50 events
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"n{i}"), ns, cancellationToken: Timeout);
        }
        var events = await ReadWatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={old.ResourceVersion()}", 1);
        Assert.Equal("ERROR", events[0]["type"]!.GetValue<string>());
        Assert.Equal(410, events[0]["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", events[0]["object"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_KubernetesClient_SeesLiveEvents()
    {
        var client = fixture.Server.Client();
        var ns = await CreateNamespaceAsync(client);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: Timeout);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.ResourceVersion(), cancellationToken: cts.Token))
            {
                seen.Add($"{type} {cm.Name()}");
                if (seen.Count == 2)
                {
                    return;
                }
            }
        }, cts.Token);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("live"), ns, cancellationToken: Timeout);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"k\":\"v\"}}", V1Patch.PatchType.MergePatch), "live", ns, cancellationToken: Timeout);
        await reading.WaitAsync(cts.Token);
        Assert.Equal(["Added live", "Modified live"], seen);
    }

    [Fact]
    public async Task Create_DuplicateField_Is422NamingIt()
    {
        using var http = fixture.Server.Http();
        using var body = new StringContent("{\"metadata\":{\"name\":\"dup\",\"name\":\"dup\"}}", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/v1/namespaces?fieldValidation=Strict", UriKind.Relative), body, Timeout);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout))!;
        Assert.Equal("metadata.name", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.Equal("FieldValueDuplicate", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_AllowingBookmarks_GetsBookmarksWithTheCurrentRevision()
    {
        await using var server = await LabServer.StartAsync(bookmarkInterval: TimeSpan.FromMilliseconds(200));
        using var http = server.Http();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(new Uri("/api/v1/namespaces?watch=true&allowWatchBookmarks=true", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        JsonNode? bookmark = null;
        while (bookmark is null && await reader.ReadLineAsync(cts.Token) is { } line)
        {
            var e = JsonNode.Parse(line)!;
            bookmark = e["type"]!.GetValue<string>() == "BOOKMARK" ? e : null;
        }
        Assert.Equal("Namespace", bookmark!["object"]!["kind"]!.GetValue<string>());
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/namespaces", UriKind.Relative), cts.Token))!;
        Assert.Equal(list["metadata"]!["resourceVersion"]!.GetValue<string>(), bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_ServesVersionAndAggregatedGroups()
    {
        using var http = fixture.Server.Http();
        var version = JsonNode.Parse(await http.GetStringAsync(new Uri("/version", UriKind.Relative), Timeout))!;
        Assert.StartsWith("v1.32.", version["gitVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        using var response = await http.SendAsync(request, Timeout);
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        var groups = JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout))!["items"]!.AsArray();
        Assert.Contains(groups, g => g!["metadata"]!["name"]!.GetValue<string>() == "apps");
    }

    private async Task<List<JsonNode>> ReadWatchAsync(string url, int count)
    {
        using var http = fixture.Server.Http();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = new List<JsonNode>();
        while (events.Count < count && await reader.ReadLineAsync(cts.Token) is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
        }
        return events;
    }

    private static async Task<string> CreateNamespaceAsync(Kubernetes client)
    {
        var ns = ServerFixture.UniqueName("api");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Timeout);
        return ns;
    }

    private static V1ConfigMap ConfigMap(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    private static V1Pod Pod(string name, string node, string app) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c", Image = "busybox" }] },
    };
}
