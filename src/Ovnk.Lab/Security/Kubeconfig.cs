using System.Text;

namespace Ovnk.Lab.Security;

/// <summary>Writes a kubeconfig (one cluster, one user, one context) that kubectl and KubernetesClient accept.</summary>
public static class Kubeconfig
{
    /// <summary>Renders the kubeconfig YAML for <paramref name="server"/> (e.g. https://127.0.0.1:6443).</summary>
    public static string Render(string server, string caPem, string token, string name = "ovnk-lab")
    {
        var caData = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {name}
              cluster:
                server: {server}
                certificate-authority-data: {caData}
            users:
            - name: {name}-admin
              user:
                token: {token}
            contexts:
            - name: {name}
              context:
                cluster: {name}
                user: {name}-admin
            current-context: {name}

            """;
    }

    /// <summary>Writes the kubeconfig atomically with mode 0600 (it holds a credential).</summary>
    public static void Write(string path, string server, string caPem, string token)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, Render(server, caPem, token));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite); // credentials: owner-only
        }
        File.Move(temp, path, overwrite: true);
    }
}
