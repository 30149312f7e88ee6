namespace Ovnk.Lab.Cluster;

public sealed partial class LabUp
{
    private async Task<string> DeployOvnkAsync(CancellationToken cancellationToken)
    {
        var objects = ManifestApplier.Load(_options.DeployDirectory!, _topology);
        using var api = LabApi.Open(_paths.Kubeconfig);
        var count = await new ManifestApplier(api.Client).ApplyAsync(objects, cancellationToken);
        return $"{count} objects from {_options.DeployDirectory}";
    }
}
