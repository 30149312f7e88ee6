using System.Net;
using k8s;
using Ovnk.TestSupport;

namespace Ovnk.Lab.Tests;

/// <summary>
/// The API server also serving inside another network namespace (the lab's control-plane node): the socket opened
/// there answers at the namespace's own address with a certificate that covers it, while loopback still works.
/// </summary>
public sealed class NetNsListenTests : IAsyncLifetime
{
    private readonly string _ns = "labapi-" + Guid.NewGuid().ToString("N")[..6];
    private readonly TempDirectory _dir = new("ovnk-netns-listen");

    public async ValueTask InitializeAsync()
    {
        await Proc.OutputAsync("ip", "netns", "add", _ns);
        await Proc.OutputAsync("ip", "-n", _ns, "link", "set", "lo", "up");
        await Proc.OutputAsync("ip", "-n", _ns, "link", "add", "d0", "type", "veth", "peer", "name", "d1");
        await Proc.OutputAsync("ip", "-n", _ns, "addr", "add", "192.0.2.10/24", "dev", "d0");
        await Proc.OutputAsync("ip", "-n", _ns, "link", "set", "d0", "up");
    }

    public async ValueTask DisposeAsync()
    {
        await Proc.RunAsync("ip", ["netns", "del", _ns]);
        _dir.Dispose();
    }

    [Fact]
    public async Task Serves_inside_the_namespace_at_its_address_with_a_matching_certificate()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await ApiServer.StartAsync(new ApiServerOptions
        {
            StateDirectory = _dir.File("state"),
            Listen = [new IPEndPoint(IPAddress.Loopback, 0)],
            NetNsListen = [NetNsEndpoint.Parse($"{_ns}=0.0.0.0:6443")],
            CertificateAddresses = [IPAddress.Parse("192.0.2.10")],
            RunControllers = false,
        }, timeout.Token);
        var ca = _dir.File("ca.pem");
        await File.WriteAllTextAsync(ca, server.CaPem, timeout.Token);

        // Inside the namespace: full certificate verification against the lab CA, at the namespace's address.
        var inside = await Proc.RunAsync("ip", ["netns", "exec", _ns, "curl", "-sS", "--max-time", "20", "--cacert", ca,
            "-H", $"Authorization: Bearer {server.Tokens.AdminToken}", "https://192.0.2.10:6443/api/v1/namespaces/default"]);
        inside.EnsureSuccess("curl inside the namespace");
        Assert.Contains("\"name\":\"default\"", inside.Stdout.Replace(" ", ""), StringComparison.Ordinal);

        // The root namespace's loopback listener still works and is the kubeconfig's server.
        Assert.Single(server.Addresses);
        Assert.Equal("127.0.0.1", server.Addresses[0].Host);
        using var client = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        var ns = await client.CoreV1.ReadNamespaceAsync("default", cancellationToken: timeout.Token);
        Assert.Equal("default", ns.Metadata.Name);

        // Nothing listens on 6443 in the root namespace because of this (the socket stayed where it was made).
        var rootListeners = await Proc.OutputAsync("ss", "-Hltn", "sport = :6443");
        Assert.DoesNotContain("0.0.0.0:6443", rootListeners, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_netns_endpoint_names_the_expected_form()
    {
        var e = Assert.Throws<ArgumentException>(() => NetNsEndpoint.Parse("0.0.0.0:6443"));
        Assert.Contains("NETNS=ADDRESS:PORT", e.Message, StringComparison.Ordinal);
    }
}
