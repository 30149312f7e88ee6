using k8s;
using k8s.Models;

namespace Ovnk.Lab.Tests.Deploy;

/// <summary>The repository's deploy/*.yaml, found from the test binary's location, parsed with KubernetesClient's YAML.</summary>
internal static class DeployManifests
{
    public static readonly string[] FileNames =
    [
        "00-namespace.yaml", "01-rbac.yaml", "02-ovnkube-config.yaml", "10-ovs-node.yaml", "20-ovnkube-db.yaml",
        "30-ovnkube-master.yaml", "40-ovnkube-node.yaml",
    ];

    public static string Directory { get; } = Find();

    /// <summary>Every object of every file, in file-name order (as kubectl apply -f deploy/).</summary>
    public static IReadOnlyList<object> Objects() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))];

    public static T Single<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        Objects().OfType<T>().Single(o => o.Metadata.Name == name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy");
            if (File.Exists(Path.Combine(dir.FullName, "Ovnk.slnx")) && System.IO.Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"no deploy/ next to Ovnk.slnx above {AppContext.BaseDirectory}");
    }
}
