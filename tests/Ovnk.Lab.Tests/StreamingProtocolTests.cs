using System.Text.Json.Nodes;
using Ovnk.Lab.Http;
using Ovnk.Lab.Streaming;

namespace Ovnk.Lab.Tests;

/// <summary>The pure pieces of the streaming path: CRI log lines, log selection, subprotocol choice, container validation, exit Status.</summary>
public sealed class StreamingProtocolTests
{
    [Theory]
    [InlineData("2024-01-02T03:04:05.123456789Z stdout F hello world", "stdout", false, "hello world")]
    [InlineData("2024-01-02T03:04:05.1Z stderr P part", "stderr", true, "part")]
    [InlineData("2024-01-02T03:04:05Z stdout F ", "stdout", false, "")]
    [InlineData("2024-01-02T03:04:05Z stdout F", "stdout", false, "")]
    public void CriLogLine_Parse_ReadsTimeStreamTagAndContent(string line, string stream, bool partial, string content)
    {
        var entry = CriLogLine.Parse(line);
        Assert.NotNull(entry);
        Assert.Equal((stream, partial, content), (entry.Value.Stream, entry.Value.Partial, entry.Value.Content));
    }

    [Theory]
    [InlineData("plain text from a program")]
    [InlineData("notatime stdout F x")]
    [InlineData("2024-01-02T03:04:05Z stdout X x")]
    public void CriLogLine_Parse_OtherTextIsNotCri(string line) => Assert.Null(CriLogLine.Parse(line));

    [Fact]
    public void CriLogLine_FormatThenParse_RoundTripsWithNanoseconds()
    {
        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234567);
        var text = new CriLogLine(time, "stdout", false, "x y").Format();
        Assert.Equal("2024-05-06T07:08:09.123456700Z stdout F x y\n", text);
        Assert.Equal(time, CriLogLine.Parse(text.TrimEnd('\n'))!.Value.Time);
    }

    [Fact]
    public void LogStreamer_Select_JoinsPartialsFiltersSinceAndPrefixesTimestamps()
    {
        string[] lines =
        [
            "2024-01-01T00:00:01Z stdout F old",
            "2024-01-01T00:00:03Z stdout P new-",
            "2024-01-01T00:00:03Z stdout F line",
            "not cri",
        ];
        var since = new DateTimeOffset(2024, 1, 1, 0, 0, 2, TimeSpan.Zero);
        Assert.Equal(["new-", "line\n", "not cri\n"], LogStreamer.Select(lines, new LogOptions(false, null, false, false, null, since)));
        Assert.Equal("2024-01-01T00:00:01.000000000Z old\n", LogStreamer.Select(lines[..1], new LogOptions(false, null, false, true, null, null))[0]);
    }

    [Theory]
    [InlineData("v5.channel.k8s.io", "v5.channel.k8s.io")]
    [InlineData("v4.channel.k8s.io", "v4.channel.k8s.io")]
    [InlineData("v4.channel.k8s.io, v5.channel.k8s.io", "v5.channel.k8s.io")]
    [InlineData("channel.k8s.io", null)]
    public void ChannelProtocol_Negotiate_PrefersV5(string offered, string? expected) =>
        Assert.Equal(expected, ChannelProtocol.Negotiate([offered]));

    [Theory]
    [InlineData("", "[\"only\"]", "only")]
    [InlineData("b", "[\"a\",\"b\"]", "b")]
    public void ValidateContainer_NamedOrOnly_IsChosen(string asked, string containers, string expected) =>
        Assert.Equal(expected, ApiHandler.ValidateContainer(Pod(containers), "p", asked));

    [Theory]
    [InlineData("", "[\"a\",\"b\"]", "a container name must be specified for pod p, choose one of: [a b]")]
    [InlineData("", "[]", "a container name must be specified for pod p")]
    [InlineData("z", "[\"a\"]", "container z is not valid for pod p")]
    public void ValidateContainer_Ambiguous_IsUpstreamsBadRequest(string asked, string containers, string message)
    {
        var e = Assert.Throws<ApiException>(() => ApiHandler.ValidateContainer(Pod(containers), "p", asked));
        Assert.Equal((400, "BadRequest", message), (e.Code, e.Reason, e.Message));
    }

    [Fact]
    public void ExecStatus_NonZeroExit_CarriesTheExitCodeCause()
    {
        var status = ExecStatus.NonZeroExit(["sh", "-c", "exit 3"], 3);
        Assert.Equal("NonZeroExitCode", status["reason"]!.GetValue<string>());
        Assert.Equal("ExitCode", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("3", status["details"]!["causes"]![0]!["message"]!.GetValue<string>());
    }

    private static JsonObject Pod(string containers)
    {
        var list = JsonNode.Parse(containers)!.AsArray();
        var array = new JsonArray([.. list.Select(n => (JsonNode?)new JsonObject { ["name"] = n!.GetValue<string>() })]);
        return new JsonObject { ["spec"] = new JsonObject { ["containers"] = array } };
    }
}
