using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Ovnk.Lab.Kubelet.Cni;
using Ovnk.Lab.Kubelet.Containers;
using Ovnk.Lab.Kubelet.Pods;

namespace Ovnk.Lab.Tests.Kubelet;

/// <summary>The pure parts of kubelet-lite: image behaviours, CNI config loading and plugin stdin, $(VAR) expansion, result IPs.</summary>
public sealed class KubeletPureTests
{
    private const string Ovnk = "/opt/ovnk/ovnk";

    public static TheoryData<string, string[]?, string[]?, string?, string> Images => new()
    {
        { "registry.k8s.io/e2e-test-images/agnhost:2.53", null, ["netexec", "--http-port=8080"], null, $"{Ovnk} lab agnhost netexec --http-port=8080" },
        { "agnhost", ["/agnhost"], ["pause"], null, $"{Ovnk} lab agnhost pause" },
        { "registry.k8s.io/pause:3.10", null, null, null, $"{Ovnk} lab agnhost pause" },
        { "nginx:1.27", null, null, null, $"{Ovnk} lab agnhost netexec --http-port=80" },
        { "docker.io/library/busybox:1.36", ["sleep", "infinity"], null, null, "sleep infinity" },
        { "fedora", null, null, null, "sh" },
        { "busybox", null, ["sh", "-c", "echo hi"], null, "sh -c echo hi" }, // `kubectl run … --image busybox -- sh`: args replace the CMD
        { "quay.io/example/anything:v1", ["curl"], ["-s", "x"], null, "curl -s x" },
        { "ghcr.io/ovnk/ovnk:dev", ["ovnk", "node"], null, null, $"{Ovnk} node" },
        { "example.com/unknown-app:1", null, null, "ErrImagePull", "" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void ImagesMapToBehaviours(string image, string[]? command, string[]? args, string? failure, string argv)
    {
        var result = ImageBehaviours.Resolve(new V1Container { Name = "c", Image = image, Command = command, Args = args }, Ovnk);
        if (failure is not null)
        {
            Assert.False(result.Ok);
            Assert.Equal(failure, result.Reason);
            Assert.Contains("give the container a command", result.Message);
            return;
        }
        Assert.Equal(argv, string.Join(' ', result.Argv!));
    }

    [Theory]
    [InlineData("""{"cniVersion":"0.4.0","name":"n","type":"bridge"}""", "n", "0.4.0", "bridge")]
    [InlineData("""{"cniVersion":"1.0.0","name":"l","plugins":[{"type":"bridge"},{"type":"portmap"}]}""", "l", "1.0.0", "bridge,portmap")]
    public void ConfigsLoadAsLists(string json, string name, string version, string types)
    {
        var list = CniConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "f");
        Assert.Equal(name, list.Name);
        Assert.Equal(version, list.CniVersion);
        Assert.Equal(types, string.Join(',', list.Types));
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","plugins":[{"type":"bridge"}]}""", "no \"name\"")]
    [InlineData("""{"name":"x","plugins":[{"bridge":"cni0"}]}""", "no \"type\"")]
    [InlineData("""{"name":"x",""", "invalid JSON")]
    public void BadConfigsNameTheProblem(string json, string problem)
    {
        var e = Assert.Throws<CniConfigException>(() => CniConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "/etc/cni/net.d/10-x.conflist"));
        Assert.Contains(problem, e.Message);
        Assert.Contains("10-x.conflist", e.Message);
    }

    [Fact]
    public void PluginStdinCarriesNameVersionAndPrevResult()
    {
        var list = CniConfigLoader.Parse(Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"l","plugins":[{"type":"bridge"},{"type":"portmap"}]}"""), "f");
        var prev = new JsonObject { ["ips"] = new JsonArray() };
        var config = CniRuntime.Build(list, list.Plugins[1], prev);
        Assert.Equal("l", config["name"]!.GetValue<string>());
        Assert.Equal("1.0.0", config["cniVersion"]!.GetValue<string>());
        Assert.Equal("portmap", config["type"]!.GetValue<string>());
        Assert.NotNull(config["prevResult"]);
        Assert.Null(list.Plugins[1]["prevResult"]);
    }

    [Theory]
    [InlineData("a-$(X)", "a-1")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$$(X)", "$(X)")]
    public void VariablesExpandFromEarlierOnes(string value, string expected) =>
        Assert.Equal(expected, EnvResolver.Expand(value, new Dictionary<string, string> { ["X"] = "1" }));

    [Fact]
    public void PodIpsAreTheSandboxInterfacesAddresses()
    {
        var result = JsonNode.Parse("""
            {"interfaces":[{"name":"cni0"},{"name":"veth1"},{"name":"eth0","sandbox":"/run/netns/x"}],
             "ips":[{"address":"10.0.0.5/24","gateway":"10.0.0.1","interface":2},{"address":"10.0.0.1/24","interface":0}]}
            """) as JsonObject;
        Assert.Equal(["10.0.0.5"], SandboxManager.IpsOf(result));
    }

    [Fact]
    public void RuntimeConfArgsAreWhatCriRuntimesSend()
    {
        var record = new SandboxRecord("id1", "uid1", "ns1", "pod1", "node-uid1", "/x");
        var conf = new CniRuntimeConf("id1", "/run/netns/node-uid1", "eth0", record.CniArgs);
        Assert.Equal("IgnoreUnknown=1;K8S_POD_NAMESPACE=ns1;K8S_POD_NAME=pod1;K8S_POD_INFRA_CONTAINER_ID=id1;K8S_POD_UID=uid1", conf.ArgsString);
    }

    [Theory]
    [InlineData("A=1\0OVNK_LAB_KUBELET=/s/n\0B=2\0", true)]
    [InlineData("OVNK_LAB_KUBELET=/s/n", true)] // the last entry without its NUL
    [InlineData("OVNK_LAB_KUBELET=/s/n2\0", false)] // another node whose state dir shares a prefix
    [InlineData("XOVNK_LAB_KUBELET=/s/n\0", false)]
    [InlineData("", false)]
    public void LaunchTagMatchesWholeEnvironmentEntriesOnly(string environ, bool match) =>
        Assert.Equal(match, LeftoverProcesses.StartsEntry(System.Text.Encoding.UTF8.GetBytes(environ), System.Text.Encoding.UTF8.GetBytes("OVNK_LAB_KUBELET=/s/n\0")));

    [Fact]
    public void LaunchChainStartsWithNsenterAndEndsWithTheContainersArgv()
    {
        var spec = new ContainerLaunchSpec(["sleep", "infinity"], new Dictionary<string, string>(), "/w", "/run/netns/p", "/s/uts-p", "/s/ns/mnt",
            [new VolumeMount("/s/v", "/data", ReadOnly: true)], "/s/0.log");
        var argv = ContainerLauncher.Argv(spec);
        Assert.Equal(["/usr/bin/nsenter", "--net=/run/netns/p", "--uts=/s/uts-p", "--mount=/s/ns/mnt", "--", "/usr/bin/unshare", "--mount", "--propagation", "slave", "--", "/bin/sh", "-c"], argv.Take(12));
        Assert.Equal(["sh", "sleep", "infinity"], argv.Skip(13));
        Assert.Contains("mount --bind '/s/v' '/data'; mount -o remount,bind,ro '/data'; cd '/w'; exec \"$@\"", argv[12], StringComparison.Ordinal);
    }
}
