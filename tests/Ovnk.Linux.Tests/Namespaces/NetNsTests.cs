using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Namespaces;

public sealed class NetNsTests
{
    [Fact]
    public async Task Create_NewName_VisibleToIpNetnsListAndGoneAfterDelete()
    {
        using var ns = new TempNetNs();
        var listed = await Cli.RunAsync("ip", "netns", "list");
        Assert.Contains(ns.Name, listed.Split('\n').Select(l => l.Split(' ')[0]));
        Assert.Contains(ns.Name, NetNs.List());

        NetNs.Delete(ns.Name);

        listed = await Cli.RunAsync("ip", "netns", "list");
        Assert.DoesNotContain(ns.Name, listed.Split('\n').Select(l => l.Split(' ')[0]));
        Assert.False(File.Exists(ns.Path));
        Assert.False(Mounts.IsMountPoint(ns.Path));
    }

    [Fact]
    public async Task Create_NewName_IpNetnsExecRunsInTheSameNamespace()
    {
        using var ns = new TempNetNs();
        var link = await Cli.RunAsync("ip", "netns", "exec", ns.Name, "readlink", "/proc/self/ns/net");
        Assert.Equal($"net:[{NamespaceId.Of(ns.Path).Inode}]", link.Trim());
        Assert.NotEqual(NamespaceId.Of("/proc/self/ns/net"), NamespaceId.Of(ns.Path));
    }

    [Fact]
    public async Task List_NamespaceMadeByIp_IsSeenAndUsable()
    {
        var name = TempNetNs.UniqueName("ovnkip");
        await Cli.RunAsync("ip", "netns", "add", name);
        try
        {
            Assert.Contains(name, NetNs.List());
            var inside = NetNs.Run(NetNs.PathOf(name), () => NamespaceId.OfCurrentThread(NamespaceKind.Network));
            Assert.Equal(NamespaceId.Of(NetNs.PathOf(name)), inside);
        }
        finally
        {
            await Cli.TryRunAsync("ip", "netns", "del", name);
        }
    }

    [Fact]
    public void Create_ExistingName_ThrowsEExistAndKeepsTheOriginal()
    {
        using var ns = new TempNetNs();
        var before = NamespaceId.Of(ns.Path);

        var error = Assert.Throws<NamespaceException>(() => NetNs.Create(ns.Name));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Contains(ns.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(before, NamespaceId.Of(ns.Path));
    }

    [Fact]
    public void Delete_MissingName_ThrowsENoEnt()
    {
        var error = Assert.Throws<NamespaceException>(() => NetNs.Delete(TempNetNs.UniqueName("ovnkmissing")));
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("dot", ".")]
    [InlineData("dotdot", "..")]
    [InlineData("slash", "a/b")]
    public void Create_InvalidName_ThrowsBeforeTouchingAnything(string caseName, string name)
    {
        _ = caseName;
        var error = Assert.Throws<InvalidNameException>(() => NetNs.Create(name));
        Assert.Contains("namespace name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ExistingName_HandleHasTheNamespacesId()
    {
        using var ns = new TempNetNs();
        using var handle = NetNs.Open(ns.Name);
        Assert.Equal(NamespaceId.Of(ns.Path), handle.Id);
        Assert.Equal(NamespaceKind.Network, handle.Kind);
    }

    [Fact]
    public void Run_PathIsARegularFile_ThrowsNotANamespaceNamingThePath()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<NamespaceException>(() => NetNs.Run(file, () => 1));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.Contains("not a Network namespace", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Open_UtsNamespaceAsNetwork_ThrowsWrongKind()
    {
        var error = Assert.Throws<NamespaceException>(() => NamespaceHandle.Open("/proc/self/ns/uts", NamespaceKind.Network));
        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Contains("not a Network namespace", error.Message, StringComparison.Ordinal);
    }
}
