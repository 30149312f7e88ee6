using Ovnk.Ovsdb.Client;

namespace Ovnk.Ovsdb.Tests.Integration;

/// <summary>
/// A peer that sends malformed JSON, an oversized message, or closes mid-message: the pending call fails with a
/// typed error at once, the connection reports why it closed, and nothing hangs.
/// </summary>
public sealed class BadPeerTests
{
    private static readonly OvsdbClientOptions Small = Nb.Options with { MaxMessageBytes = 4096, Reconnect = false };

    public static TheoryData<string, string, Type> Cases => new()
    {
        { "malformed JSON", "{\"id\":2,\"result\":[}", typeof(OvsdbProtocolException) },
        { "a bare value instead of an object", "17 ", typeof(OvsdbProtocolException) },
        { "an unknown value tag in a result", "{\"id\":2,\"result\":[[\"list\",[]]],\"error\":null}{\"id\":2}", typeof(OvsdbProtocolException) },
        { "an oversized message", "{\"id\":2,\"result\":[\"" + new string('x', 10_000) + "\"]}", typeof(OvsdbProtocolException) },
        { "a close in the middle of a message", "{\"id\":2,\"result\":[\"OVN_Nor", typeof(OvsdbConnectionException) },
        { "a close with no answer", "", typeof(OvsdbConnectionException) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PendingCall_FailsWithATypedError_AndTheConnectionReportsWhy(string name, string response, Type reason)
    {
        Assert.NotNull(name);
        await using var peer = new HostilePeer(response);
        await using var client = await OvsdbClient.ConnectAsync(peer.Remote, Small, Nb.Bounded());
        var call = client.ListDatabasesAsync(Nb.Bounded());
        var e = await Assert.ThrowsAnyAsync<OvsdbException>(() => call);
        Assert.True(e.IsTransient); // a new connection may work
        Assert.IsType(reason, e is OvsdbConnectionException { InnerException: OvsdbProtocolException p } ? p : e);
        Assert.NotNull(await client.Closed.WaitAsync(Nb.Bounded())); // closed, with a reason
        // Later calls fail at once rather than hang.
        await Assert.ThrowsAsync<OvsdbConnectionException>(() => client.EchoAsync(Nb.Bounded()));
    }

    [Fact]
    public async Task ServerEcho_IsAnsweredWithItsOwnParams()
    {
        await using var peer = new HostilePeer("{\"method\":\"echo\",\"params\":[\"probe\",7],\"id\":\"echo-1\"}",
            closeAfter: false, payloadWithFirstReply: true);
        await using var client = await OvsdbClient.ConnectAsync(peer.Remote, Small, Nb.Bounded());
        using var cts = new CancellationTokenSource(Nb.Timeout);
        while (!peer.Received.Contains("echo-1", StringComparison.Ordinal))
            await Task.Delay(20, cts.Token);
        var reply = peer.Received;
        Assert.Contains("{\"result\":[\"probe\",7],\"error\":null,\"id\":\"echo-1\"}", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectToNothing_FailsFastWithTheRemoteInTheMessage()
    {
        var port = TestSupport.OvsdbServer.FreeTcpPort();
        var e = await Assert.ThrowsAsync<OvsdbConnectionException>(() =>
            OvsdbClient.ConnectAsync($"tcp:127.0.0.1:{port}", Nb.Options, Nb.Bounded()));
        Assert.Contains($"tcp:127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
        Assert.True(e.IsTransient);
    }
}
