using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ovnk.Lab.Cluster;

/// <summary>
/// STATE/lab.json: what `lab up` built, so `lab down/status/exec` work from the state dir alone (also after a crash).
/// </summary>
public sealed record LabRecord
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public required string Name { get; init; }

    public required LabCni Cni { get; init; }

    public required int Workers { get; init; }

    public required int ApiPort { get; init; }

    public required string StateDirectory { get; init; }

    /// <summary>The stable ovnk path components run (`lab reload` switches what it points at).</summary>
    public required string OvnkBinary { get; init; }

    /// <summary>The release directory the binary resolved to when the lab came up.</summary>
    public string? ReleaseDirectory { get; init; }

    public string? DeployDirectory { get; init; }

    public required IReadOnlyList<RecordedNode> Nodes { get; init; }

    /// <summary>Component name → pid file text ("PID STARTTIME") at the last `lab up`.</summary>
    public IReadOnlyDictionary<string, string> Pids { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreatedAt { get; init; }

    [JsonIgnore]
    public LabTopology Topology => LabTopology.Plan(Name, Workers);

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    public static LabRecord? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<LabRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new LabException("read lab.json", $"{path} is not a lab record ({e.Message})",
                $"remove the lab with `ovnk lab down --state-dir {Path.GetDirectoryName(path)}` or delete the file");
        }
    }
}

/// <summary>A node as recorded in lab.json.</summary>
public sealed record RecordedNode(string Name, string Ip, bool ControlPlane);
