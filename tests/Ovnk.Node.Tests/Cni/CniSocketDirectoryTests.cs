using Ovnk.Node.Cni;

namespace Ovnk.Node.Tests.Cni;

/// <summary>Issue 6 acceptance 7: the socket directory is root-owned 0700, and a weaker one is refused.</summary>
public sealed class CniSocketDirectoryTests
{
    [Fact]
    public async Task Missing_directory_is_created_root_owned_0700()
    {
        using var dir = new TempSocketDir();
        CniSocketDirectory.Prepare(dir.SocketPath);
        Assert.Equal("700 0 directory", await FileOracle.StatAsync(dir.SocketDirectory));
    }

    [Theory]
    [InlineData("world-readable", "0755")]
    [InlineData("group-writable", "0770")]
    [InlineData("traversable by others", "0701")]
    [InlineData("sticky", "1700")]
    public async Task Weaker_existing_directory_is_refused_and_left_alone(string name, string mode)
    {
        using var dir = new TempSocketDir();
        Directory.CreateDirectory(dir.SocketDirectory);
        Assert.Equal(0, (await ProcessRun.RunAsync("/usr/bin/chmod", [mode, dir.SocketDirectory])).ExitCode);
        var before = await FileOracle.StatAsync(dir.SocketDirectory);
        var e = Assert.Throws<CniServerException>(() => CniSocketDirectory.Prepare(dir.SocketPath));
        Assert.Contains(dir.SocketDirectory, e.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0700 {dir.SocketDirectory}", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient, name);
        Assert.Equal(before, await FileOracle.StatAsync(dir.SocketDirectory));
    }

    [Fact]
    public async Task Directory_owned_by_another_user_is_refused()
    {
        using var dir = new TempSocketDir();
        Directory.CreateDirectory(dir.SocketDirectory, CniSocketDirectory.RequiredMode);
        Assert.Equal(0, (await ProcessRun.RunAsync("/usr/bin/chown", ["nobody:nogroup", dir.SocketDirectory])).ExitCode);
        var e = Assert.Throws<CniServerException>(() => CniSocketDirectory.Prepare(dir.SocketPath));
        Assert.Contains("owned by uid 65534", e.Message, StringComparison.Ordinal);
        Assert.Contains("chown root:root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symlink_in_place_of_the_directory_is_refused()
    {
        using var dir = new TempSocketDir();
        var target = Path.Combine(dir.Root, "elsewhere");
        Directory.CreateDirectory(target, CniSocketDirectory.RequiredMode);
        File.CreateSymbolicLink(dir.SocketDirectory, target);
        var e = Assert.Throws<CniServerException>(() => CniSocketDirectory.Prepare(dir.SocketPath));
        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stale_socket_file_in_a_good_directory_is_removed()
    {
        using var dir = new TempSocketDir();
        Directory.CreateDirectory(dir.SocketDirectory, CniSocketDirectory.RequiredMode);
        File.WriteAllText(dir.SocketPath, "stale");
        CniSocketDirectory.Prepare(dir.SocketPath);
        Assert.False(File.Exists(dir.SocketPath));
    }
}
