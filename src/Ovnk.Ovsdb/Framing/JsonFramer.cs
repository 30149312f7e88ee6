using System.Buffers;
using System.Text.Json;

namespace Ovnk.Ovsdb.Framing;

/// <summary>
/// Finds complete JSON values in a byte stream. OVSDB's JSON-RPC has no framing: messages are concatenated JSON
/// values (RFC 7047 §4). The framer scans incrementally — the reader state is kept between calls, so a large message
/// that arrives in many reads is scanned once, not once per read — and rejects a message above the size limit.
/// </summary>
/// <remarks>Follows the <c>PipeReader.AdvanceTo(consumed, examined)</c> contract: the caller keeps the buffer from the
/// start of the current message and the framer remembers how far into it it has looked.</remarks>
internal sealed class JsonFramer(long maxMessageBytes)
{
    private JsonReaderState _state;
    private long _scanned;
    private int _depth;

    /// <summary>
    /// Takes the next complete message off the front of <paramref name="buffer"/>.
    /// </summary>
    /// <returns>True with the message (leading whitespace included) and the rest of the buffer; false when the
    /// buffer holds only part of a message.</returns>
    /// <exception cref="OvsdbProtocolException">Malformed JSON, a top-level scalar, or a message over the limit.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message)
    {
        var reader = new Utf8JsonReader(buffer.Slice(_scanned), isFinalBlock: false, _state);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        _depth++;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        _depth--;
                        break;
                    default:
                        if (_depth == 0)
                            throw new OvsdbProtocolException("a JSON-RPC message must be an object, got a bare value");
                        break;
                }
                if (_depth == 0)
                {
                    var end = _scanned + reader.BytesConsumed;
                    if (end > maxMessageBytes)
                        throw TooLarge();
                    message = buffer.Slice(0, end);
                    buffer = buffer.Slice(end);
                    Reset();
                    return true;
                }
            }
        }
        catch (JsonException e)
        {
            throw new OvsdbProtocolException($"malformed JSON from the peer: {e.Message}", e);
        }
        _scanned += reader.BytesConsumed;
        _state = reader.CurrentState;
        if (buffer.Length > maxMessageBytes)
            throw TooLarge();
        message = default;
        return false;
    }

    private OvsdbProtocolException TooLarge() => new(
        $"a message exceeded the {maxMessageBytes}-byte limit (raise OvsdbClientOptions.MaxMessageBytes if the database is that large)");

    private void Reset()
    {
        _state = default;
        _scanned = 0;
        _depth = 0;
    }
}
