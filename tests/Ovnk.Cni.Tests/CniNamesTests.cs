using Ovnk.Cni.Protocol;

namespace Ovnk.Cni.Tests;

/// <summary>The name rules of cni pkg/utils (container id, network name, interface name).</summary>
public sealed class CniNamesTests
{
    [Theory]
    [InlineData("plain", "eth0", null)]
    [InlineData("15 characters", "abcdefghijklmno", null)]
    [InlineData("16 characters", "abcdefghijklmnop", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("empty", "", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("dot", ".", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("dot dot", "..", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("three dots are a name", "...", null)]
    [InlineData("slash", "a/b", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("colon", "a:b", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("newline", "a\nb", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("non-breaking space", "a\u00a0b", CniErrorCode.InvalidEnvironmentVariables)]
    public void ValidateInterfaceName_follows_cni_utils(string name, string ifName, CniErrorCode? expected)
    {
        Assert.True(expected == CniNames.ValidateInterfaceName(ifName)?.Code, name);
    }

    [Theory]
    [InlineData("hex", "0123456789abcdef", null)]
    [InlineData("dots, dashes, underscores", "a.b-c_d", null)]
    [InlineData("missing", "", CniErrorCode.UnknownContainer)]
    [InlineData("leading dash", "-abc", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("slash", "a/b", CniErrorCode.InvalidEnvironmentVariables)]
    [InlineData("unicode letter", "é", CniErrorCode.InvalidEnvironmentVariables)]
    public void ValidateContainerId_follows_cni_utils(string name, string id, CniErrorCode? expected)
    {
        Assert.True(expected == CniNames.ValidateContainerId(id)?.Code, name);
    }

    [Theory]
    [InlineData("upstream's name", "ovn-kubernetes", null)]
    [InlineData("missing", "", CniErrorCode.InvalidNetworkConfig)]
    [InlineData("space", "a b", CniErrorCode.InvalidNetworkConfig)]
    public void ValidateNetworkName_follows_cni_utils(string name, string network, CniErrorCode? expected)
    {
        Assert.True(expected == CniNames.ValidateNetworkName(network)?.Code, name);
    }

    [Theory]
    [InlineData("1.1.0", "0.4.0", true)]
    [InlineData("0.4.0", "0.4.0", true)]
    [InlineData("0.3.1", "0.4.0", false)]
    [InlineData("0.10.0", "0.4.0", true)]
    [InlineData("1.0", "0.4.0", false)]
    [InlineData("v1.0.0", "0.4.0", false)]
    public void AtLeast_compares_numerically(string version, string minimum, bool expected)
    {
        Assert.Equal(expected, CniVersions.AtLeast(version, minimum));
    }
}
