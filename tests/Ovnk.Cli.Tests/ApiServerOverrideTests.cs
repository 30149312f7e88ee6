namespace Ovnk.Cli.Tests;

/// <summary>The ConfigMap's optional k8s_apiserver (env K8S_APISERVER) for the in-cluster configuration.</summary>
public sealed class ApiServerOverrideTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", null, null)]
    [InlineData("https://172.18.0.2:6443", "172.18.0.2", "6443")]
    [InlineData("https://api.example:443/", "api.example", "443")]
    public void Parse_EmptyOrHttpsUrl_GivesHostAndPort(string? value, string? host, string? port)
    {
        var parsed = ApiServerOverride.Parse(value);
        Assert.Equal(host, parsed?.Host);
        Assert.Equal(port, parsed?.Port);
    }

    [Theory]
    [InlineData("172.18.0.2:6443")]
    [InlineData("http://172.18.0.2:6443")]
    public void Parse_NotAnHttpsUrl_NamesTheConfigMapKey(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => ApiServerOverride.Parse(value));
        Assert.Contains("k8s_apiserver", e.Message, StringComparison.Ordinal);
    }
}
