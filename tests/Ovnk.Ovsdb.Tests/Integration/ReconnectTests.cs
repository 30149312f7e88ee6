using Ovnk.Ovsdb.Client;
using Ovnk.TestSupport;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>Reconnects after a protocol error or a server restart; the server's inactivity probes are answered.</summary>
public sealed class ReconnectTests
{
    [Fact]
    public async Task ProtocolErrorMidSession_ReconnectsCleanly_AndTheCacheFollowsLaterChanges()
    {
        await using var server = await OvsdbServer.StartAsync();
        await using var proxy = new FaultyProxy(server.Directory.File("db.sock"));
        await using var client = await OvsdbClient.ConnectAsync(proxy.Remote, Nb.FastReconnect, Nb.Bounded());
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnected += _ => reconnected.TrySetResult();
        var cache = await client.CreateCacheAsync(Nb.Db, ["Logical_Switch"], Nb.Bounded());
        var before = Nb.Unique("ls");
        await Nb.AddSwitchAsync(client, before);

        await proxy.InjectGarbageAsync();
        await reconnected.Task.WaitAsync(Nb.Bounded());
        Assert.Equal(2, proxy.Connections); // really a new connection

        var after = Nb.Unique("ls");
        var uuid = await Nb.AddSwitchAsync(client, after);
        Assert.NotNull(cache.Table("Logical_Switch").Get(uuid)); // the monitor was re-established
        Assert.Contains(cache.Table("Logical_Switch").Rows(), r => r.Row.GetString("name") == before);
        Assert.Equal(2, cache.Table("Logical_Switch").Count);
    }

    [Fact]
    public async Task ServerRestart_ClientReconnectsAndCacheDropsRowsThatVanished()
    {
        using var socketDir = new TempDirectory("ovnk-sock");
        var socket = socketDir.File("db.sock");
        var server = await OvsdbServer.StartAsync(socketPath: socket);
        try
        {
            await using var client = await OvsdbClient.ConnectAsync(server.UnixRemote, Nb.FastReconnect, Nb.Bounded());
            var cache = await client.CreateCacheAsync(Nb.Db, ["Logical_Switch"], Nb.Bounded());
            await Nb.AddSwitchAsync(client, Nb.Unique("ls"));
            Assert.Equal(1, cache.Table("Logical_Switch").Count);

            // A new, empty server on the same socket: the resync must remove what is gone.
            await server.DisposeAsync();
            File.Delete(socket); // SIGKILL leaves the socket file behind
            var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Reconnected += _ => reconnected.TrySetResult();
            server = await OvsdbServer.StartAsync(socketPath: socket);
            await reconnected.Task.WaitAsync(Nb.Bounded());
            Assert.Equal(0, cache.Table("Logical_Switch").Count);
            await Nb.AddSwitchAsync(client, Nb.Unique("ls"));
            Assert.Equal(1, cache.Table("Logical_Switch").Count);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ServerInactivityProbes_AreAnswered_SoAnIdleSessionSurvives()
    {
        await using var server = await OvsdbServer.StartAsync(extraArgs: ["--remote=db:OVN_Northbound,NB_Global,connections"]);
        var port = OvsdbServer.FreeTcpPort();
        await server.CtlAsync("ovn-nbctl", "init");
        await server.CtlAsync("ovn-nbctl", "set-connection", $"ptcp:{port}:127.0.0.1", "--", "set", "connection", ".", "inactivity_probe=500");
        await using var client = await ConnectWhenListeningAsync($"tcp:127.0.0.1:{port}");
        var reconnects = 0;
        client.Reconnected += _ => Interlocked.Increment(ref reconnects);

        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken); // five probe periods, our own probe off
        Assert.True(client.EchoesAnswered > 0, "the server probed us");
        Assert.Contains(Nb.Db, await client.ListDatabasesAsync(Nb.Bounded()));
        Assert.Equal(0, reconnects);
    }

    private static async Task<OvsdbClient> ConnectWhenListeningAsync(string remote)
    {
        using var cts = new CancellationTokenSource(Nb.Timeout);
        while (true)
        {
            try
            {
                return await OvsdbClient.ConnectAsync(remote, Nb.Options, cts.Token);
            }
            catch (OvsdbConnectionException) when (!cts.IsCancellationRequested)
            {
                await Task.Delay(50, cts.Token); // ovsdb-server opens the db: remote a moment after the row is written
            }
        }
    }
}
