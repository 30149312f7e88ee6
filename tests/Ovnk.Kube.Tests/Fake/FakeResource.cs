using System.Text.Json.Nodes;

namespace Ovnk.Kube.Tests.Fake;

/// <summary>One resource collection of the fake server: current objects (JSON) and its event history.</summary>
internal sealed class FakeResource(string listKind)
{
    public string ListKind { get; } = listKind;

    public Dictionary<string, JsonObject> Objects { get; } = new(StringComparer.Ordinal);

    public List<(long Rv, string Type, JsonObject Obj)> History { get; } = [];
}
