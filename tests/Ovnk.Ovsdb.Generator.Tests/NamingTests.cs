namespace Ovnk.Ovsdb.Generator.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("Logical_Switch_Port", "LogicalSwitchPort")]
    [InlineData("external_ids", "ExternalIds")]
    [InlineData("ACL", "Acl")]
    [InlineData("NB_Global", "NbGlobal")]
    [InlineData("QoS", "QoS")]
    [InlineData("Open_vSwitch", "OpenVSwitch")]
    [InlineData("allow-related", "AllowRelated")]
    [InlineData("OpenFlow10", "OpenFlow10")]
    [InlineData("dhcpv4_options", "Dhcpv4Options")]
    [InlineData("802.1q", "V8021q")]
    public void Pascal_MapsOvsdbNamesToIdentifiers(string name, string expected) =>
        Assert.Equal(expected, Naming.Pascal(name));

    [Fact]
    public void Literal_EscapesQuotesAndBackslashes() =>
        Assert.Equal("\"a\\\"b\\\\c\"", Naming.Literal("a\"b\\c"));
}
