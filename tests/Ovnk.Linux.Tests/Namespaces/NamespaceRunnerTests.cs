using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Namespaces;

public sealed class NamespaceRunnerTests
{
    private static NamespaceId Here => NamespaceId.OfCurrentThread(NamespaceKind.Network);

    [Fact]
    public void Run_NetworkNamespace_BodyRunsInsideAndCallerStaysOutside()
    {
        using var ns = new TempNetNs();
        var outside = Here;

        var inside = NetNs.Run(ns.Path, () => Here);

        Assert.Equal(NamespaceId.Of(ns.Path), inside);
        Assert.NotEqual(outside, inside);
        Assert.Equal(outside, Here);
    }

    [Fact]
    public void Run_BodyOnDedicatedThread_NotAThreadPoolThread()
    {
        using var ns = new TempNetNs();
        var pooled = NetNs.Run(ns.Path, () => Thread.CurrentThread.IsThreadPoolThread);
        Assert.False(pooled);
    }

    [Fact]
    public void Run_TwoNamespacesInTurn_EachBodySeesItsOwn()
    {
        using var a = new TempNetNs();
        using var b = new TempNetNs();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(NamespaceId.Of(a.Path), NetNs.Run(a.Path, () => Here));
            Assert.Equal(NamespaceId.Of(b.Path), NetNs.Run(b.Path, () => Here));
        }

        // Threads returned to the pool really went back: an empty set runs in the process's own namespace.
        Assert.Equal(NamespaceId.Of("/proc/self/ns/net"), NamespaceRunner.Run(new NamespaceSet(), () => Here));
    }

    [Fact]
    public void Run_BodyThrows_ExceptionReachesCallerUnchanged()
    {
        using var ns = new TempNetNs();
        var error = Assert.Throws<InvalidOperationException>(() => NetNs.Run(ns.Path, () => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public void Run_MissingNamespaceFile_ThrowsENoEntNamingThePath()
    {
        var path = NetNs.PathOf(TempNetNs.UniqueName("ovnkmissing"));
        var error = Assert.Throws<NamespaceException>(() => NetNs.Run(path, () => 1));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NetworkNamespace_ReturnsTheBodysResult()
    {
        using var ns = new TempNetNs();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var inside = await NamespaceRunner.RunAsync(NamespaceSet.Net(ns.Path), () => Here, timeout.Token).WaitAsync(timeout.Token);
        Assert.Equal(NamespaceId.Of(ns.Path), inside);
    }

    [Fact]
    public async Task Run_RestoreFails_ThreadIsRetiredAndNeverReused()
    {
        using var ns = new TempNetNs();
        var other = NetNs.Run(ns.Path, () => Ovnk.Linux.Native.Libc.GetTid());

        var poisoned = 0;
        var error = Assert.Throws<NamespaceRestoreException>(() => NetNs.Run(ns.Path, () =>
        {
            NamespaceThread.FailRestoreOfCurrentThreadForTests();
            poisoned = Ovnk.Linux.Native.Libc.GetTid();
        }));
        Assert.Equal(Errno.EBADF, error.Errno);
        Assert.True(error.IsTransient);
        Assert.NotEqual(0, poisoned);

        // The retired thread exits: its /proc entry disappears (bounded wait).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/self/task/{poisoned}") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.False(Directory.Exists($"/proc/self/task/{poisoned}"), "the retired namespace thread is still alive");
        var later = Enumerable.Range(0, 20).Select(_ => NetNs.Run(ns.Path, () => Ovnk.Linux.Native.Libc.GetTid())).ToList();
        Assert.DoesNotContain(poisoned, later);
        Assert.NotEqual(0, other);
        Assert.Equal(NamespaceId.Of("/proc/self/ns/net"), NamespaceRunner.Run(new NamespaceSet(), () => Here));
    }
}
