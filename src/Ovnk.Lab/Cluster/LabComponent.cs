namespace Ovnk.Lab.Cluster;

/// <summary>A process `lab up` started and `lab down` stops: its pid and log files are named after it.</summary>
/// <param name="Name">"apiserver" or "kubelet-NODE".</param>
public sealed record LabComponent(string Name, string PidFile, string LogFile)
{
    public static LabComponent ApiServer(LabPaths paths) => Of(paths, "apiserver");

    public static LabComponent Kubelet(LabPaths paths, string node) => Of(paths, "kubelet-" + node);

    private static LabComponent Of(LabPaths paths, string name) => new(name, paths.PidFile(name), paths.LogFile(name));
}
