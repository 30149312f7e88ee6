using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Netlink;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Namespaces;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task RunAsync_ManyCallersAcrossNamespaces_EveryBodyRunsInItsOwnNamespace()
    {
        var namespaces = Enumerable.Range(0, 4).Select(_ => new TempNetNs()).ToList();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var calls = Enumerable.Range(0, 200).Select(i =>
            {
                var ns = namespaces[i % namespaces.Count];
                return Task.Run(
                    async () => (Want: NamespaceId.Of(ns.Path), Got: await NamespaceRunner.RunAsync(
                        NamespaceSet.Net(ns.Path), () => NamespaceId.OfCurrentThread(NamespaceKind.Network), timeout.Token)),
                    timeout.Token);
            });

            var results = await Task.WhenAll(calls).WaitAsync(timeout.Token);

            Assert.All(results, r => Assert.Equal(r.Want, r.Got));
            Assert.Equal(NamespaceId.Of("/proc/self/ns/net"), NamespaceId.OfCurrentThread(NamespaceKind.Network));
        }
        finally
        {
            namespaces.ForEach(n => n.Dispose());
        }
    }

    [Fact]
    public async Task RtnlClient_SharedAcrossThreads_RequestsAreSerialisedAndAllSucceed()
    {
        using var ns = new TempNetNs();
        using var rtnl = RtnlClient.Open(ns.Path);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var names = Enumerable.Range(0, 40).Select(i => $"vc{i}").ToList();

        await Task.WhenAll(names.Select(n => Task.Run(() => rtnl.CreateVeth(new VethSpec(n, n + "p")), timeout.Token))).WaitAsync(timeout.Token);

        var listed = rtnl.ListLinks().Select(l => l.Name).ToHashSet();
        Assert.All(names, n => Assert.Contains(n, listed));
        Assert.Equal(81, (await Cli.IpJsonAsync(ns.Name, "link")).Length);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_ThrowsAndRunsNothing()
    {
        using var ns = new TempNetNs();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NamespaceRunner.RunAsync(NamespaceSet.Net(ns.Path), () => ran = true, cancelled.Token));
        Assert.False(ran);
    }
}
