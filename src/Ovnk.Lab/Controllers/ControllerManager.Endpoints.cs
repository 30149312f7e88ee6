using System.Text.Json.Nodes;
using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Controllers;

/// <summary>EndpointSlice and Endpoints controllers: services × their ready pods.</summary>
public sealed partial class ControllerManager
{
    private async Task ReconcileEndpointsAsync(CancellationToken cancellationToken)
    {
        var sliceType = _client.Type("discovery.k8s.io", "EndpointSlice");
        var endpointsType = _client.Type("", "Endpoints");
        var pods = await _client.ListAsync(_client.Type("", "Pod"), cancellationToken);
        var slices = (await _client.ListAsync(sliceType, cancellationToken)).ToDictionary(s => (Meta.Namespace(s), Meta.Name(s)));
        var endpoints = (await _client.ListAsync(endpointsType, cancellationToken)).ToDictionary(s => (Meta.Namespace(s), Meta.Name(s)));
        foreach (var service in await _client.ListAsync(_client.Type("", "Service"), cancellationToken))
        {
            if (Meta.StringMap(service["spec"]?["selector"]).Count == 0)
            {
                continue; // selector-less services keep whatever endpoints users write
            }
            var backends = EndpointRules.Backends(service, pods);
            await SyncAsync(sliceType, EndpointRules.Slice(service, backends), slices, ["endpoints", "ports", "addressType"], cancellationToken);
            await SyncAsync(endpointsType, EndpointRules.Endpoints(service, backends), endpoints, ["subsets"], cancellationToken);
        }
    }

    private async Task SyncAsync(Discovery.ResourceType type, JsonObject desired, Dictionary<(string, string), JsonObject> existing,
        string[] fields, CancellationToken cancellationToken)
    {
        if (!existing.TryGetValue((Meta.Namespace(desired), Meta.Name(desired)), out var current))
        {
            await _client.CreateAsync(type, desired, cancellationToken);
            return;
        }
        if (fields.All(f => JsonNode.DeepEquals(current[f], desired[f])))
        {
            return;
        }
        await _client.UpdateAsync(type, current, o =>
        {
            foreach (var f in fields)
            {
                o[f] = desired[f]?.DeepClone();
            }
        }, cancellationToken);
    }
}
