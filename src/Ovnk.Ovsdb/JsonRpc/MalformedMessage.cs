using System.Text.Json;

namespace Ovnk.Ovsdb.JsonRpc;

/// <summary>Which exceptions, raised while reading a parsed message, mean "the peer sent the wrong shape".</summary>
internal static class MalformedMessage
{
    /// <summary>
    /// JsonElement accessors throw InvalidOperationException (wrong kind), KeyNotFoundException (missing member),
    /// IndexOutOfRangeException (short array) and FormatException (bad UUID); our own readers throw
    /// OvsdbProtocolException.
    /// </summary>
    public static bool IsShapeError(Exception e) => e is InvalidOperationException or KeyNotFoundException
        or IndexOutOfRangeException or FormatException or ArgumentException or JsonException or OvsdbProtocolException
        or InvalidCastException;
}
