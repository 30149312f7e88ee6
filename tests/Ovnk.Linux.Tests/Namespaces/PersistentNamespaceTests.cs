using Ovnk.Linux.Namespaces;
using Ovnk.Linux.Native;
using Ovnk.Linux.Tests.Support;

namespace Ovnk.Linux.Tests.Namespaces;

public sealed class PersistentNamespaceTests
{
    [Fact]
    public async Task CreateMount_BindMountInside_InvisibleOnHostAndVisibleToNsenter()
    {
        using var dir = new TempDirectory();
        var nsFile = Path.Combine(dir.Path, "ns", "node.mnt");
        var target = Path.Combine(dir.Path, "hidden");
        Directory.CreateDirectory(target);
        PersistentNamespace.Create(NamespaceKind.Mount, nsFile);
        try
        {
            var set = new NamespaceSet(Mount: nsFile);
            NamespaceRunner.Run(set, () =>
            {
                Assert.Equal(0, Libc.Mount("tmpfs", target, "tmpfs", 0, 0));
                File.WriteAllText(Path.Combine(target, "marker"), "inside");
            });

            Assert.False(File.Exists(Path.Combine(target, "marker")), "a mount made inside the namespace leaked to the host");
            Assert.Equal("inside", NamespaceRunner.Run(set, () => File.ReadAllText(Path.Combine(target, "marker"))));
            var seen = await Cli.RunAsync("nsenter", $"--mount={nsFile}", "cat", Path.Combine(target, "marker"));
            Assert.Equal("inside", seen);
            Assert.Equal(NamespaceId.Of(nsFile), NamespaceRunner.Run(set, () => NamespaceId.OfCurrentThread(NamespaceKind.Mount)));
            Assert.NotEqual(NamespaceId.Of("/proc/self/ns/mnt"), NamespaceId.Of(nsFile));
        }
        finally
        {
            PersistentNamespace.Delete(nsFile);
        }

        Assert.False(File.Exists(nsFile));
    }

    [Fact]
    public async Task CreateUts_SetHostNameInside_HostKeepsItsNameAndNsenterSeesTheNew()
    {
        using var dir = new TempDirectory();
        var nsFile = Path.Combine(dir.Path, "node.uts");
        var hostBefore = HostName.Get();
        PersistentNamespace.Create(NamespaceKind.Uts, nsFile);
        try
        {
            var set = new NamespaceSet(Uts: nsFile);
            NamespaceRunner.Run(set, () => HostName.Set("ovnk-node-x"));

            Assert.Equal("ovnk-node-x", NamespaceRunner.Run(set, HostName.Get));
            Assert.Equal(hostBefore, HostName.Get());
            Assert.Equal("ovnk-node-x", (await Cli.RunAsync("nsenter", $"--uts={nsFile}", "hostname")).Trim());
        }
        finally
        {
            PersistentNamespace.Delete(nsFile);
        }
    }

    [Fact]
    public void Run_AllThreeKinds_BodySeesEachNamespaceAndCallerNone()
    {
        using var dir = new TempDirectory();
        using var net = new TempNetNs();
        var mnt = Path.Combine(dir.Path, "ns", "n.mnt");
        var uts = Path.Combine(dir.Path, "n.uts");
        PersistentNamespace.Create(NamespaceKind.Mount, mnt);
        PersistentNamespace.Create(NamespaceKind.Uts, uts);
        try
        {
            var set = new NamespaceSet(Network: net.Path, Uts: uts, Mount: mnt);
            var ids = NamespaceRunner.Run(set, () => (
                Net: NamespaceId.OfCurrentThread(NamespaceKind.Network),
                Uts: NamespaceId.OfCurrentThread(NamespaceKind.Uts),
                Mnt: NamespaceId.OfCurrentThread(NamespaceKind.Mount)));

            Assert.Equal(NamespaceId.Of(net.Path), ids.Net);
            Assert.Equal(NamespaceId.Of(uts), ids.Uts);
            Assert.Equal(NamespaceId.Of(mnt), ids.Mnt);
            Assert.Equal(NamespaceId.Of("/proc/self/ns/mnt"), NamespaceId.OfCurrentThread(NamespaceKind.Mount));
            Assert.Equal(NamespaceId.Of("/proc/self/ns/uts"), NamespaceId.OfCurrentThread(NamespaceKind.Uts));
        }
        finally
        {
            PersistentNamespace.Delete(mnt);
            PersistentNamespace.Delete(uts);
        }
    }

    [Fact]
    public void Create_ExistingFile_ThrowsEExistAndLeavesTheFile()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "taken");
        File.WriteAllText(file, "mine");
        var error = Assert.Throws<NamespaceException>(() => PersistentNamespace.Create(NamespaceKind.Uts, file));
        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void CreateMount_TwoInOneDirectory_OnePrivateSelfBindAndDistinctNamespaces()
    {
        using var dir = new TempDirectory();
        var nsDir = Path.Combine(dir.Path, "ns");
        var a = Path.Combine(nsDir, "a.mnt");
        var b = Path.Combine(nsDir, "b.mnt");
        PersistentNamespace.Create(NamespaceKind.Mount, a);
        try
        {
            PersistentNamespace.Create(NamespaceKind.Mount, b);
            try
            {
                var entries = File.ReadAllLines("/proc/self/mountinfo").Where(l => l.Split(' ')[4] == nsDir).ToList();
                var entry = Assert.Single(entries);
                Assert.DoesNotContain("shared:", entry, StringComparison.Ordinal);
                Assert.NotEqual(NamespaceId.Of(a), NamespaceId.Of(b));
            }
            finally
            {
                PersistentNamespace.Delete(b);
            }
        }
        finally
        {
            PersistentNamespace.Delete(a);
        }
    }
}
