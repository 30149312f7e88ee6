using System.Text.RegularExpressions;
using k8s.Models;
using Ovnk.Lab.Tests.Support;

namespace Ovnk.Lab.Tests.Deploy;

/// <summary>
/// deploy/*.yaml against the contract shared with `ovnk lab up` (LAB-CONTRACT.md): names, containers, ConfigMap keys,
/// hostNetwork, tolerations, images, probes, RBAC; and the lab API server accepts them (kubectl apply, server dry-run).
/// </summary>
public sealed partial class DeployManifestTests
{
    private const string Image = "ghcr.io/ovnk/ovnk:dev";

    private static readonly string[] ConfigKeys =
        ["net_cidr", "host_prefix", "svc_cidr", "join_subnet", "mtu", "datapath_type", "ovn_nb", "ovn_sb", "k8s_apiserver"];

    /// <summary>Workload → (kind, service account, containers, on the control plane).</summary>
    private static readonly (string Name, string Kind, string Account, string[] Containers, bool ControlPlane)[] Workloads =
    [
        ("ovs-node", "DaemonSet", "ovs-node", ["ovs-daemons"], false),
        ("ovnkube-db", "Deployment", "ovnkube-db", ["nb-ovsdb", "sb-ovsdb"], true),
        ("ovnkube-master", "Deployment", "ovnkube-master", ["ovnkube-master", "ovn-northd"], true),
        ("ovnkube-node", "DaemonSet", "ovnkube-node", ["ovnkube-node", "ovn-controller"], false),
    ];

    [Fact]
    public void Files_AreExactlyTheContractsInApplyOrder()
    {
        var files = Directory.GetFiles(DeployManifests.Directory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(DeployManifests.FileNames, files);
    }

    [Fact]
    public void NamespaceAccountsAndConfigMap_HaveTheContractsNamesAndKeys()
    {
        var objects = DeployManifests.Objects();
        Assert.Equal("ovn-kubernetes", Assert.Single(objects.OfType<V1Namespace>()).Metadata.Name);
        Assert.Equal(["ovnkube-db", "ovnkube-master", "ovnkube-node", "ovs-node"],
            objects.OfType<V1ServiceAccount>().Select(a => a.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(objects.OfType<V1ServiceAccount>(), a => Assert.Equal("ovn-kubernetes", a.Metadata.NamespaceProperty));
        var config = DeployManifests.Single<V1ConfigMap>("ovnkube-config");
        Assert.Equal("ovn-kubernetes", config.Metadata.NamespaceProperty);
        Assert.Equal(ConfigKeys.Order(StringComparer.Ordinal), config.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("10.244.0.0/16", config.Data["net_cidr"]);
        Assert.Equal("24", config.Data["host_prefix"]);
        Assert.Equal("10.96.0.0/16", config.Data["svc_cidr"]);
        Assert.Equal("100.64.0.0/16", config.Data["join_subnet"]);
        Assert.Equal("1400", config.Data["mtu"]);
        Assert.Equal("system", config.Data["datapath_type"]);
        Assert.Matches("^tcp:.+:6641$", config.Data["ovn_nb"]);
        Assert.Matches("^tcp:.+:6642$", config.Data["ovn_sb"]);
    }

    [Fact]
    public void Workloads_AreHostNetworkTolerateEverythingAndRunTheOvnkImage()
    {
        foreach (var (name, kind, account, containers, controlPlane) in Workloads)
        {
            var pod = PodOf(name, kind);
            Assert.True(pod.HostNetwork == true, $"{name}: hostNetwork");
            Assert.Equal("Default", pod.DnsPolicy);
            Assert.Equal(account, pod.ServiceAccountName);
            Assert.Contains(pod.Tolerations, t => t.OperatorProperty == "Exists" && t.Key is null && t.Effect is null);
            Assert.Equal(containers, pod.Containers.Select(c => c.Name));
            if (controlPlane)
                Assert.Equal("", pod.NodeSelector["node-role.kubernetes.io/control-plane"]);
            else
                Assert.False(pod.NodeSelector?.ContainsKey("node-role.kubernetes.io/control-plane") ?? false, $"{name} runs on every node");
            foreach (var c in pod.Containers)
            {
                Assert.Equal(Image, c.Image);
                Assert.Equal("ovnk", c.Command[0]);
                Assert.NotNull(c.ReadinessProbe?.Exec?.Command);
                Assert.All(c.VolumeMounts ?? [], m => Assert.Contains(pod.Volumes, v => v.Name == m.Name && v.HostPath is not null));
            }
            Assert.Equal(name, Labels(name, kind)["app"]);
        }
    }

    [Fact]
    public void Containers_RunTheContractsCommands()
    {
        Assert.Equal(["ovnk", "daemon", "nb-ovsdb"], Container("ovnkube-db", "Deployment", "nb-ovsdb").Command);
        Assert.Equal(["ovnk", "daemon", "sb-ovsdb"], Container("ovnkube-db", "Deployment", "sb-ovsdb").Command);
        Assert.Equal(["ovnk", "daemon", "ovn-northd"], Container("ovnkube-master", "Deployment", "ovn-northd").Command);
        Assert.Equal(["ovnk", "controller"], Container("ovnkube-master", "Deployment", "ovnkube-master").Command);
        // `ovnk controller` and `ovnk node` read their settings from these env vars (flags would override them).
        Assert.Equal("ovn_nb", Container("ovnkube-master", "Deployment", "ovnkube-master").Env.Single(e => e.Name == "OVN_NB").ValueFrom.ConfigMapKeyRef.Key);
        Assert.Equal("metadata.name", Container("ovnkube-master", "Deployment", "ovnkube-master").Env.Single(e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal(["ovnk", "daemon", "ovs-server"], Container("ovs-node", "DaemonSet", "ovs-daemons").Command);
        Assert.Equal(["ovnk", "daemon", "ovn-controller"], Container("ovnkube-node", "DaemonSet", "ovn-controller").Command);
        var node = Container("ovnkube-node", "DaemonSet", "ovnkube-node");
        Assert.Equal(["ovnk", "node"], node.Command);
        var fromConfig = node.Env.Where(e => e.ValueFrom?.ConfigMapKeyRef is not null).ToDictionary(e => e.Name, e => e.ValueFrom.ConfigMapKeyRef.Key);
        Assert.Equal("ovn_sb", fromConfig["OVN_SB"]);
        Assert.Equal("datapath_type", fromConfig["OVN_DATAPATH_TYPE"]);
        Assert.Equal("net_cidr", fromConfig["OVN_NET_CIDR"]);
        Assert.Equal("mtu", fromConfig["OVN_MTU"]);
        Assert.Equal("spec.nodeName", node.Env.Single(e => e.Name == "K8S_NODE").ValueFrom.FieldRef.FieldPath);
    }

    [Fact]
    public void Environment_ComesFromTheConfigMapsKeys_AndEveryArgumentVariableIsDefined()
    {
        var keys = DeployManifests.Single<V1ConfigMap>("ovnkube-config").Data.Keys.ToHashSet();
        foreach (var (name, kind, _, _, _) in Workloads)
        {
            foreach (var c in PodOf(name, kind).Containers)
            {
                var env = c.Env ?? [];
                foreach (var e in env.Where(e => e.ValueFrom?.ConfigMapKeyRef is not null))
                {
                    Assert.Equal("ovnkube-config", e.ValueFrom.ConfigMapKeyRef.Name);
                    Assert.Contains(e.ValueFrom.ConfigMapKeyRef.Key, keys);
                }
                var defined = env.Select(e => e.Name).ToHashSet();
                foreach (var arg in (c.Command ?? []).Concat(c.Args ?? []))
                {
                    foreach (Match m in Reference().Matches(arg))
                        Assert.True(defined.Contains(m.Groups[1].Value), $"{name}/{c.Name}: $({m.Groups[1].Value}) is not in env");
                }
            }
        }
        // The master and northd reach the NB/SB at the ConfigMap's addresses; the node agent passes the SB to ovn-controller.
        Assert.Equal("ovn_nb", Container("ovnkube-master", "Deployment", "ovn-northd").Env.Single(e => e.Name == "OVN_NB").ValueFrom.ConfigMapKeyRef.Key);
        Assert.Equal("ovn_sb", Container("ovnkube-master", "Deployment", "ovn-northd").Env.Single(e => e.Name == "OVN_SB").ValueFrom.ConfigMapKeyRef.Key);
    }

    [Fact]
    public void Rbac_BindsEachApiUserToItsRole_AndTheMasterMayHoldItsLease()
    {
        var objects = DeployManifests.Objects();
        var roles = objects.OfType<V1ClusterRole>().ToDictionary(r => r.Metadata.Name);
        foreach (var binding in objects.OfType<V1ClusterRoleBinding>())
        {
            Assert.Contains(binding.RoleRef.Name, roles.Keys);
            var subject = Assert.Single(binding.Subjects);
            Assert.Equal(("ServiceAccount", "ovn-kubernetes"), (subject.Kind, subject.NamespaceProperty));
        }
        Assert.Equal(["ovnkube-master", "ovnkube-node"], objects.OfType<V1ClusterRoleBinding>().Select(b => b.Subjects[0].Name).Order(StringComparer.Ordinal));
        Assert.Contains(roles["ovnkube-node"].Rules, r => r.Resources.Contains("nodes") && r.Verbs.Contains("patch"));
        Assert.Contains(roles["ovnkube-master"].Rules, r => r.Resources.Contains("pods") && r.Verbs.Contains("patch"));
        var lease = DeployManifests.Single<V1Role>("ovnkube-master");
        Assert.Contains(lease.Rules, r => r.ApiGroups.Contains("coordination.k8s.io") && r.Resources.Contains("leases") && r.Verbs.Contains("update"));
        Assert.Equal("ovnkube-master", DeployManifests.Single<V1RoleBinding>("ovnkube-master").Subjects[0].Name);
    }

    [Fact]
    public async Task LabApiServer_AcceptsTheManifests_DryRunThenApply()
    {
        await using var server = await LabServer.StartAsync();
        using var kubectl = new Kubectl(server.Kubeconfig);
        // A server-side dry run of namespaced objects needs their namespace to exist (as on a real cluster).
        await kubectl.OkAsync("apply", "-f", Path.Combine(DeployManifests.Directory, "00-namespace.yaml"));
        var dryRun = await kubectl.OkAsync("apply", "--dry-run=server", "-f", DeployManifests.Directory);
        Assert.Contains("daemonset.apps/ovnkube-node", dryRun, StringComparison.Ordinal);
        Assert.Contains("(server dry run)", dryRun, StringComparison.Ordinal);
        Assert.Contains("NotFound", (await kubectl.RunAsync(["get", "-n", "ovn-kubernetes", "configmap", "ovnkube-config"])).Err, StringComparison.Ordinal);

        await kubectl.OkAsync("apply", "-f", DeployManifests.Directory);
        var workloads = await kubectl.OkAsync("get", "deploy,ds", "-n", "ovn-kubernetes", "-o", "name");
        Assert.Equal(["daemonset.apps/ovnkube-node", "daemonset.apps/ovs-node", "deployment.apps/ovnkube-db", "deployment.apps/ovnkube-master"],
            workloads.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        // Applying again changes nothing (what `lab up` run twice does).
        Assert.DoesNotContain("configured", await kubectl.OkAsync("apply", "-f", DeployManifests.Directory), StringComparison.Ordinal);
    }

    private static V1PodTemplateSpec Template(string name, string kind) => kind == "Deployment"
        ? DeployManifests.Single<V1Deployment>(name).Spec.Template
        : DeployManifests.Single<V1DaemonSet>(name).Spec.Template;

    private static V1PodSpec PodOf(string name, string kind)
    {
        var template = Template(name, kind);
        Assert.Equal("ovn-kubernetes", kind == "Deployment" ? DeployManifests.Single<V1Deployment>(name).Metadata.NamespaceProperty : DeployManifests.Single<V1DaemonSet>(name).Metadata.NamespaceProperty);
        return template.Spec;
    }

    private static IDictionary<string, string> Labels(string name, string kind) => Template(name, kind).Metadata.Labels;

    private static V1Container Container(string workload, string kind, string container) =>
        PodOf(workload, kind).Containers.Single(c => c.Name == container);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
