using k8s.Models;

namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>
/// Images → built-in behaviours (the lab has no images): agnhost's subcommands and pause run as hidden `ovnk lab
/// agnhost …` subcommands; nginx/httpd serve HTTP on their container port the same way; busybox, fedora and other
/// general-purpose images run the pod's command/args with the host's tools; Ovnk's own images run `ovnk`.
/// Pure: the caller supplies the ovnk binary path.
/// </summary>
public static class ImageBehaviours
{
    private static readonly HashSet<string> ShellImages =
    [
        "busybox", "fedora", "alpine", "ubuntu", "debian", "centos", "rockylinux", "almalinux", "ubi", "ubi-minimal",
        "ubi8", "ubi9", "nicolaka/netshoot", "netshoot", "curl", "curlimages/curl", "network-multitool", "praqma/network-multitool",
        "bash", "python", "tools", "toolbox",
    ];

    private static readonly HashSet<string> OvnkImages = ["ovnk", "ovn-daemonset", "ovn-daemonset-fedora", "ovn-daemonset-ubuntu", "ovn-kube", "ovnkube"];

    /// <summary>The image's repository name without registry and tag (<c>registry.k8s.io/e2e-test-images/agnhost:2.53</c> → <c>agnhost</c>).</summary>
    public static string ShortName(string image)
    {
        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > slash) name = name[..colon];
        return name[(slash + 1)..];
    }

    /// <summary>Resolves a container to the argv to exec.</summary>
    public static ImageResolution Resolve(V1Container container, string ovnkBinary)
    {
        var image = container.Image ?? "";
        var shortName = ShortName(image);
        var command = container.Command ?? [];
        var args = container.Args ?? [];
        switch (shortName)
        {
            case "agnhost":
                // The image's entrypoint is /agnhost; a command naming it is the same as none.
                var agnArgs = command.Count > 0 && command[0].EndsWith("agnhost", StringComparison.Ordinal)
                    ? [.. command.Skip(1), .. args]
                    : command.Count > 0 ? null : args.ToList();
                if (agnArgs is null) return Run([.. command, .. args]);
                return agnArgs.Count == 0
                    ? ImageResolution.Fail("RunContainerError", "agnhost needs a subcommand in args (netexec, pause, …)")
                    : ImageResolution.Run([ovnkBinary, "lab", "agnhost", .. agnArgs]);
            case "pause":
                return command.Count > 0 ? Run([.. command, .. args]) : ImageResolution.Run([ovnkBinary, "lab", "agnhost", "pause"]);
            case "nginx" or "httpd":
                if (command.Count > 0) return Run([.. command, .. args]);
                var port = container.Ports?.FirstOrDefault()?.ContainerPort ?? 80;
                return ImageResolution.Run([ovnkBinary, "lab", "agnhost", "netexec", $"--http-port={port}"]);
        }
        if (OvnkImages.Contains(shortName))
        {
            var argv = command.Count > 0 ? [.. command, .. args] : args.ToList();
            if (argv.Count == 0) return ImageResolution.Fail("RunContainerError", $"image {image} needs a command (e.g. ovnk node …)");
            if (argv[0] is "ovnk" or "/usr/bin/ovnk" or "/usr/local/bin/ovnk") argv[0] = ovnkBinary;
            return ImageResolution.Run(argv);
        }
        if (command.Count > 0) return Run([.. command, .. args]);
        if (ShellImages.Contains(shortName) || ShellImages.Contains(image.Split(':')[0]))
        {
            // These images have no entrypoint and a shell as their default command (CMD): args replace it.
            return ImageResolution.Run(args.Count > 0 ? [.. args] : ["sh"]);
        }
        return ImageResolution.Fail("ErrImagePull",
            $"failed to pull image \"{image}\": the lab runs no images; \"{shortName}\" has no built-in behaviour (agnhost, pause, nginx, httpd, busybox, fedora …), so give the container a command to run with the node's tools");
    }

    private static ImageResolution Run(List<string> argv) => ImageResolution.Run(argv);
}
