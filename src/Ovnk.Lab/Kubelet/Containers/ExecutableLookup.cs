namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>exec's PATH search, done before starting so a missing command fails with runc's message instead of exit 127.</summary>
public static class ExecutableLookup
{
    public static string? Find(string command, string path)
    {
        if (command.Contains('/')) return IsExecutable(command) ? command : null;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, command)).FirstOrDefault(IsExecutable);
    }

#pragma warning disable CA1416 // The lab runs on Linux only (namespaces).
    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
#pragma warning restore CA1416
}
