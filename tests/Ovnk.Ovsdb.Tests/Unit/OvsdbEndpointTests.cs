using Ovnk.Ovsdb.Transport;

namespace Ovnk.Ovsdb.Tests.Unit;

public sealed class OvsdbEndpointTests
{
    [Theory]
    [InlineData("unix socket", "unix:/var/run/ovn/ovnnb_db.sock", OvsdbTransportKind.Unix, "/var/run/ovn/ovnnb_db.sock", 0)]
    [InlineData("tcp", "tcp:172.18.0.2:6641", OvsdbTransportKind.Tcp, "172.18.0.2", 6641)]
    [InlineData("ssl", "ssl:ovn-central:6642", OvsdbTransportKind.Ssl, "ovn-central", 6642)]
    [InlineData("ipv6 in brackets", "tcp:[::1]:6641", OvsdbTransportKind.Tcp, "::1", 6641)]
    public void Parse_ValidRemote(string name, string text, OvsdbTransportKind kind, string address, int port)
    {
        Assert.NotNull(name);
        var endpoint = OvsdbEndpoint.Parse(text);
        Assert.Equal(new OvsdbEndpoint(kind, address, port), endpoint);
        Assert.Equal(text, endpoint.ToString());
    }

    [Theory]
    [InlineData("no scheme", "/var/run/db.sock")]
    [InlineData("passive remote", "ptcp:6641")]
    [InlineData("no port", "tcp:127.0.0.1")]
    [InlineData("port out of range", "tcp:127.0.0.1:70000")]
    [InlineData("empty unix path", "unix:")]
    public void Parse_InvalidRemote_SaysWhatIsAccepted(string name, string text)
    {
        Assert.NotNull(name);
        var e = Assert.Throws<FormatException>(() => OvsdbEndpoint.Parse(text));
        Assert.Contains("unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseList_ReadsAClusterRemote() =>
        Assert.Equal(3, OvsdbEndpoint.ParseList("tcp:10.0.0.1:6641,tcp:10.0.0.2:6641, tcp:10.0.0.3:6641").Count);
}
