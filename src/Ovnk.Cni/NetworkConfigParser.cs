using System.Text.Json;
using Ovnk.Cni.Protocol;

namespace Ovnk.Cni;

/// <summary>
/// Decodes and checks the network configuration with the codes of the reference skel: not JSON → 6 (decode),
/// no name → 7 (invalid network config), a non-string <c>cniVersion</c> → 6. A config without <c>cniVersion</c> is
/// version 0.1.0 (cni pkg/version), which the version check then refuses with code 1.
/// </summary>
internal static class NetworkConfigParser
{
    public static (NetworkConfig? Config, CniError? Error) Parse(ReadOnlyMemory<byte> stdin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stdin);
        }
        catch (JsonException e)
        {
            var reason = stdin.Length == 0 ? "unexpected end of JSON input (stdin was empty)" : e.Message;
            return (null, new(CniErrorCode.DecodingFailure, $"error unmarshall network config: {reason}", "the runtime must send the network configuration as a JSON object on stdin"));
        }
        using (document)
        {
            var root = document.RootElement;
            // Go decodes `null` into an empty struct, so skel reports the missing name, not a decode failure.
            if (root.ValueKind == JsonValueKind.Null) return (null, CniNames.ValidateNetworkName(""));
            if (root.ValueKind != JsonValueKind.Object)
                return (null, new(CniErrorCode.DecodingFailure, $"error unmarshall network config: expected a JSON object, got {root.ValueKind}"));
            if (ReadString(root, "name") is { Error: { } nameError })
                return (null, nameError with { Msg = "error unmarshall network config: " + nameError.Msg });
            var name = ReadString(root, "name").Value ?? "";
            if (CniNames.ValidateNetworkName(name) is { } invalid) return (null, invalid);
            var version = ReadString(root, "cniVersion");
            if (version.Error is { } versionError)
                return (null, versionError with { Msg = "decoding version from network config: " + versionError.Msg });
            var type = ReadString(root, "type");
            if (type.Error is { } typeError) return (null, typeError);
            if (string.IsNullOrEmpty(type.Value))
                return (null, new(CniErrorCode.InvalidNetworkConfig, "missing plugin type", "the network configuration must name the plugin in \"type\""));
            return (new NetworkConfig(string.IsNullOrEmpty(version.Value) ? CniVersions.Implicit : version.Value, name, type.Value), null);
        }
    }

    /// <summary>Reads the version alone; used where the config is otherwise unchecked (VERSION, error reports).</summary>
    public static string? TryReadVersion(ReadOnlySpan<byte> stdin)
    {
        try
        {
            var reader = new Utf8JsonReader(stdin);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("cniVersion", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string? Value, CniError? Error) ReadString(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null) return (null, null);
        return element.ValueKind == JsonValueKind.String
            ? (element.GetString(), null)
            : (null, new(CniErrorCode.DecodingFailure, $"\"{property}\" must be a string, got {element.ValueKind}"));
    }
}
