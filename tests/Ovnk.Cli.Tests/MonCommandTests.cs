using Ovnk.TestSupport;

namespace Ovnk.Cli.Tests;

/// <summary><c>ovnk mon</c> against a live NB ovsdb-server, changed by ovn-nbctl (acceptance 7 of the Foundation issue).</summary>
public sealed class MonCommandTests : IAsyncLifetime
{
    private OvsdbServer _nb = null!;

    public async ValueTask InitializeAsync()
    {
        _nb = await OvsdbServer.StartAsync(OvsdbServer.NorthboundSchema);
        await _nb.CtlAsync("ovn-nbctl", "ls-add", "ovn-worker");
        await _nb.CtlAsync("ovn-nbctl", "ls-add", "ovn-worker2", "--", "set", "Logical_Switch", "ovn-worker2", "other_config:subnet=10.244.2.0/24");
    }

    public async ValueTask DisposeAsync() => await _nb.DisposeAsync();

    [Fact]
    public async Task List_PrintsTheRowsAsATable()
    {
        var r = (await OvnkCli.RunAsync("mon", "--db", _nb.UnixRemote, "list", "Logical_Switch", "name", "other_config")).EnsureSuccess("ovnk mon list");
        var lines = r.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("name", StringComparison.Ordinal) && l.Contains("other_config", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ovn-worker2", StringComparison.Ordinal) && l.Contains("{subnet=10.244.2.0/24}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" ovn-worker ", StringComparison.Ordinal) && l.Contains("{}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_TakesOvsdbMonsGoFieldNames()
    {
        // The seed's `ovsdb-mon.nb list Logical_Switch Name` / `ovsdb-mon.sb list Chassis Hostname` spellings.
        var r = (await OvnkCli.RunAsync("mon", "--db", _nb.UnixRemote, "list", "logical_switch", "Name", "OtherConfig")).EnsureSuccess("ovnk mon list Name");
        var lines = r.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Contains("name", StringComparison.Ordinal) && l.Contains("other_config", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ovn-worker2", StringComparison.Ordinal) && l.Contains("{subnet=10.244.2.0/24}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_WithFilter_PrintsOnlyMatchingRows()
    {
        var r = (await OvnkCli.RunAsync("mon", "--db", _nb.UnixRemote, "list", "logical_switch", "--filter", "name=ovn-worker2", "name")).EnsureSuccess("ovnk mon list --filter");
        Assert.Contains("ovn-worker2", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" ovn-worker ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ListsTablesWithRowCounts()
    {
        var r = (await OvnkCli.RunAsync("mon", "--db", _nb.UnixRemote, "show")).EnsureSuccess("ovnk mon show");
        Assert.Matches(@"│ Logical_Switch\s+│\s+2 │", r.Stdout);
    }

    [Theory]
    [InlineData("unknown table", new[] { "list", "No_Such_Table" }, "has no table \"No_Such_Table\"; its tables are: ACL")]
    [InlineData("unknown column", new[] { "list", "Logical_Switch", "nope" }, "has no column \"nope\"")]
    [InlineData("malformed filter", new[] { "list", "Logical_Switch", "--filter", "name" }, "is not Column=Value")]
    public async Task BadInput_SaysWhatIsWrongAndExitsNonZero(string name, string[] args, string message)
    {
        Assert.NotNull(name);
        var r = await OvnkCli.RunAsync(["mon", "--db", _nb.UnixRemote, .. args]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stdout.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_NamesTheRemote()
    {
        var port = OvsdbServer.FreeTcpPort();
        var r = await OvnkCli.RunAsync("mon", "--db", $"tcp:127.0.0.1:{port}", "show");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"cannot connect to tcp:127.0.0.1:{port}", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_ShowsAnInsertAndThenAnUpdateAsADiffAndADelete()
    {
        using var mon = OvnkCli.Start("mon", "--db", _nb.UnixRemote, "--auto", "--no-monitor", "nb_global,connection", "--max-events", "3");
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var ready = await mon.StandardError.ReadLineAsync(cts.Token);
            Assert.StartsWith("watching", ready, StringComparison.Ordinal);
            await _nb.CtlAsync("ovn-nbctl", "ls-add", "sw-auto");
            await _nb.CtlAsync("ovn-nbctl", "set", "Logical_Switch", "sw-auto", "other_config:subnet=10.244.9.0/24");
            await _nb.CtlAsync("ovn-nbctl", "ls-del", "sw-auto");
            var output = await mon.StandardOutput.ReadToEndAsync(cts.Token);
            await mon.WaitForExitAsync(cts.Token);
            Assert.Equal(0, mon.ExitCode);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("+ insert Logical_Switch", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("~ update Logical_Switch", StringComparison.Ordinal) && l.EndsWith("(sw-auto)", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Trim() == "other_config: {} → {subnet=10.244.9.0/24}");
            Assert.DoesNotContain(lines, l => l.Contains("_version", StringComparison.Ordinal));
            Assert.StartsWith("- delete Logical_Switch", lines[^1], StringComparison.Ordinal);
        }
        finally
        {
            if (!mon.HasExited)
                mon.Kill();
        }
    }

    [Fact]
    public async Task Save_WritesTheCapturedChangesAsJson()
    {
        using var dir = new TempDirectory();
        var file = dir.File("events.json");
        using var mon = OvnkCli.Start("mon", "--db", _nb.UnixRemote, "--monitor", "Logical_Switch", "--max-events", "1", "save", file);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            Assert.StartsWith("watching", await mon.StandardError.ReadLineAsync(cts.Token), StringComparison.Ordinal);
            await _nb.CtlAsync("ovn-nbctl", "ls-add", "sw-saved");
            await mon.WaitForExitAsync(cts.Token);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(file, cts.Token));
            var e = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("insert", e.GetProperty("kind").GetString());
            Assert.Equal("sw-saved", e.GetProperty("new").GetProperty("name").GetString());
        }
        finally
        {
            if (!mon.HasExited)
                mon.Kill();
        }
    }
}
