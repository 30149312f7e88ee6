using System.Diagnostics;
using System.Net.Sockets;

namespace Ovnk.TestSupport;

/// <summary>
/// A real 3-member (or N-member) RAFT cluster of ovsdb-server processes on unix sockets in a temp directory, made
/// with <c>ovsdb-tool create-cluster</c>/<c>join-cluster</c>. Members are killed and restarted by their own pids.
/// </summary>
public sealed class OvsdbCluster : IAsyncDisposable
{
    private readonly Process?[] _members;
    private readonly string _schema;
    private readonly string _dbName;

    private OvsdbCluster(TempDirectory dir, int size, string schema, string dbName)
    {
        Directory = dir;
        _members = new Process?[size];
        _schema = schema;
        _dbName = dbName;
    }

    /// <summary>The cluster's directory.</summary>
    public TempDirectory Directory { get; }

    /// <summary>The comma-separated client remote of every member.</summary>
    public string Remote => string.Join(',', Enumerable.Range(0, _members.Length).Select(MemberRemote));

    /// <summary>The client remote of one member.</summary>
    public string MemberRemote(int i) => "unix:" + Directory.File($"s{i}.sock");

    /// <summary>Creates the cluster and waits until every member has joined.</summary>
    public static async Task<OvsdbCluster> StartAsync(string schema = OvsdbServer.NorthboundSchema, int size = 3)
    {
        var dbName = schema.Contains("ovn-sb", StringComparison.Ordinal) ? "OVN_Southbound" : "OVN_Northbound";
        var cluster = new OvsdbCluster(new TempDirectory("ovnk-raft"), size, schema, dbName);
        try
        {
            var d = cluster.Directory;
            (await Proc.RunAsync("ovsdb-tool", ["create-cluster", d.File("s0.db"), schema, "unix:" + d.File("s0.raft")])).EnsureSuccess("create-cluster");
            for (var i = 1; i < size; i++)
                (await Proc.RunAsync("ovsdb-tool", ["join-cluster", d.File($"s{i}.db"), dbName, "unix:" + d.File($"s{i}.raft"), "unix:" + d.File("s0.raft")])).EnsureSuccess("join-cluster");
            for (var i = 0; i < size; i++)
                await cluster.StartMemberAsync(i);
            await WaitAsync(async () => (await cluster.StatusesAsync()).All(s => s.Contains("Status: cluster member", StringComparison.Ordinal)),
                "every member to join the cluster");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts (or restarts) member <paramref name="i"/> on its existing database file.</summary>
    public async Task StartMemberAsync(int i)
    {
        var d = Directory;
        var psi = new ProcessStartInfo(Proc.Which("ovsdb-server")) { UseShellExecute = false };
        foreach (var a in new[] { "--remote=punix:" + d.File($"s{i}.sock"), "--unixctl=" + d.File($"s{i}.ctl"),
                     "--log-file=" + d.File($"s{i}.log"), "-vconsole:off", "-vfile:info", d.File($"s{i}.db") })
            psi.ArgumentList.Add(a);
        _members[i] = Process.Start(psi)!;
        await WaitAsync(() => Task.FromResult(CanConnect(d.File($"s{i}.sock"))), $"member {i} to listen");
    }

    /// <summary>SIGKILLs member <paramref name="i"/> and waits for it to exit.</summary>
    public async Task KillMemberAsync(int i)
    {
        if (_members[i] is { HasExited: false } p)
        {
            p.Kill();
            await p.WaitForExitAsync();
        }
        File.Delete(Directory.File($"s{i}.sock"));
    }

    /// <summary>The pid of member <paramref name="i"/>.</summary>
    public int Pid(int i) => _members[i]!.Id;

    /// <summary>Runs <c>ovs-appctl</c> against member <paramref name="i"/>.</summary>
    public Task<ProcessResult> AppctlAsync(int i, params string[] args) =>
        Proc.RunAsync("ovs-appctl", ["-t", Directory.File($"s{i}.ctl"), .. args], TimeSpan.FromSeconds(10));

    /// <summary>The member that is leader now, from <c>cluster/status</c>, waiting for an election if needed.</summary>
    public async Task<int> LeaderAsync()
    {
        var leader = -1;
        await WaitAsync(async () =>
        {
            var statuses = await StatusesAsync();
            leader = Array.FindIndex(statuses.ToArray(), s => s.Contains("Role: leader", StringComparison.Ordinal));
            return leader >= 0;
        }, "a leader to be elected");
        return leader;
    }

    private async Task<IReadOnlyList<string>> StatusesAsync()
    {
        var result = new List<string>();
        for (var i = 0; i < _members.Length; i++)
            result.Add(_members[i] is { HasExited: false } ? (await AppctlAsync(i, "cluster/status", _dbName)).Stdout : "");
        return result;
    }

    private static bool CanConnect(string path)
    {
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
                throw new TimeoutException($"timed out after 20 s waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _members.Length; i++)
        {
            await KillMemberAsync(i);
            _members[i]?.Dispose();
        }
        Directory.Dispose();
    }
}
