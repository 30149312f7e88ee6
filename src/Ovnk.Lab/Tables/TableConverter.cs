using System.Text.Json.Nodes;
using Ovnk.Lab.Discovery;

namespace Ovnk.Lab.Tables;

/// <summary>
/// Renders objects as a meta.k8s.io/v1 Table (what <c>kubectl get</c> asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>). Row objects follow <c>includeObject</c>:
/// Metadata (default, a PartialObjectMetadata), Object (the full object) or None.
/// </summary>
public static class TableConverter
{
    /// <summary>The printer for <paramref name="type"/> (NAME AGE when the kind has none).</summary>
    public static Printer PrinterFor(ResourceType type) => (type.Group, type.Kind) switch
    {
        ("", "Pod") => WorkloadPrinters.Pod,
        ("apps", "Deployment") => WorkloadPrinters.Deployment,
        ("apps", "ReplicaSet") => WorkloadPrinters.ReplicaSet,
        ("apps", "DaemonSet") => WorkloadPrinters.DaemonSet,
        ("", "Node") => CorePrinters.Node,
        ("", "Namespace") => CorePrinters.Namespace,
        ("", "Service") => CorePrinters.Service,
        ("", "ConfigMap") => CorePrinters.ConfigMap,
        ("", "Secret") => CorePrinters.Secret,
        ("", "ServiceAccount") => CorePrinters.ServiceAccount,
        ("", "Endpoints") => CorePrinters.Endpoints,
        ("", "Event") => EventPrinter.Event,
        ("networking.k8s.io", "NetworkPolicy") => CorePrinters.NetworkPolicy,
        ("coordination.k8s.io", "Lease") => CorePrinters.Lease,
        ("discovery.k8s.io", "EndpointSlice") => CorePrinters.EndpointSlice,
        ("apiextensions.k8s.io", "CustomResourceDefinition") => CorePrinters.CustomResourceDefinition,
        _ when type.Model is null => CustomResourcePrinter.For(type.PrinterColumns),
        _ => CorePrinters.Default,
    };

    /// <summary>Builds the Table for <paramref name="items"/>.</summary>
    public static JsonObject ToTable(
        ResourceType type, IEnumerable<JsonObject> items, JsonObject listMetadata, string includeObject, DateTimeOffset now)
    {
        var printer = PrinterFor(type);
        var columns = new JsonArray();
        foreach (var c in printer.Columns)
        {
            columns.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            });
        }
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(printer.Cells(item, now)) };
            if (RowObject(item, includeObject) is { } rowObject)
            {
                row["object"] = rowObject;
            }
            rows.Add(row);
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static JsonObject? RowObject(JsonObject item, string includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => (JsonObject)item.DeepClone(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = item["metadata"]?.DeepClone(),
        },
    };
}
