namespace Ovnk.Lab.Kubelet.Containers;

/// <summary>What an image resolved to: the argv to run, or why it cannot run (an ErrImagePull-style reason).</summary>
public sealed record ImageResolution(IReadOnlyList<string>? Argv, string? Reason = null, string? Message = null)
{
    public bool Ok => Argv is not null;

    public static ImageResolution Run(IReadOnlyList<string> argv) => new(argv);

    public static ImageResolution Fail(string reason, string message) => new(null, reason, message);
}
