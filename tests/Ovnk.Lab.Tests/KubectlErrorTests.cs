using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests;

/// <summary>Bad input through the real kubectl: each error is printed as kubectl prints a real cluster's, and nothing is stored.</summary>
public sealed class KubectlErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Apply_UnknownField_Is422WithTheFieldPathAndNothingStored()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = await NamespaceAsync(kubectl, "unknown");
        var (exit, _, stderr) = await kubectl.RunAsync(["apply", "-f", "-"],
            $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  namespace: {ns}\n  colour: red\nspec:\n  x: 1\ndata:\n  a: b\n");
        Assert.Equal(1, exit);
        Assert.Equal("The ConfigMap \"bad\" is invalid: \n* metadata.colour: unknown field \"metadata.colour\"\n* spec: unknown field \"spec\"\n", stderr);
        var (getExit, _, getErr) = await kubectl.RunAsync(["get", "cm", "bad", "-n", ns]);
        Assert.Equal(1, getExit);
        Assert.Contains("NotFound", getErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_StaleObject_IsConflict()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = await NamespaceAsync(kubectl, "stale");
        await kubectl.RunAsync(["apply", "-f", "-"], $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: {ns}\n");
        var stale = await kubectl.OkAsync("get", "cm", "c", "-n", ns, "-o", "json");
        await kubectl.OkAsync("label", "cm", "c", "-n", ns, "moved=on");
        var (exit, _, stderr) = await kubectl.RunAsync(["replace", "-f", "-"], stale);
        Assert.Equal(1, exit);
        Assert.Equal("Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on configmaps \"c\": " +
            "the object has been modified; please apply your changes to the latest version and try again\n", stderr);
    }

    [Fact]
    public async Task Get_UnknownResourceType_SaysTheServerDoesNotHaveIt()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["get", "flurbles"]);
        Assert.Equal(1, exit);
        Assert.Equal("error: the server doesn't have a resource type \"flurbles\"\n", stderr);
    }

    [Fact]
    public async Task AnyCommand_WrongToken_IsUnauthorized()
    {
        var kubeconfig = Path.Combine(fixture.Server.Directory, $"bad-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(fixture.Server.Kubeconfig, TestContext.Current.CancellationToken))
            .Replace(fixture.Server.Server.Tokens.AdminToken, "not-the-token", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        using var kubectl = new Kubectl(kubeconfig);
        var (exit, _, stderr) = await kubectl.RunAsync(["get", "ns"]);
        Assert.Equal(1, exit);
        // What kubectl prints for a real cluster that rejects the token (discovery is the first request).
        Assert.EndsWith("error: You must be logged in to the server (the server has asked for the client to provide credentials)\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InvalidName_Is422NamingTheField()
    {
        using var kubectl = new Kubectl(fixture.Server.Kubeconfig);
        var ns = await NamespaceAsync(kubectl, "badname");
        var (exit, _, stderr) = await kubectl.RunAsync(["apply", "-f", "-"], $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: {ns}\n");
        Assert.Equal(1, exit);
        Assert.Contains("The ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", stderr, StringComparison.Ordinal);
    }

    private static async Task<string> NamespaceAsync(Kubectl kubectl, string prefix)
    {
        var ns = ServerFixture.UniqueName(prefix);
        var (exit, _, stderr) = await kubectl.RunAsync(["apply", "-f", "-"], $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n");
        Assert.True(exit == 0, stderr);
        return ns;
    }
}
