using Ovnk.Lab.Diagnostics;

namespace Ovnk.Lab.Tests.Storage;

/// <summary>The API server's latency summaries: exact nearest-rank percentiles per key, bounded memory.</summary>
public sealed class LatencyRecorderTests
{
    [Fact]
    public void Summary_GivesCountPercentilesMaxAndTotalPerKey()
    {
        var recorder = new LatencyRecorder();
        for (var i = 1; i <= 100; i++) recorder.Record("api PATCH pods/status", i);
        recorder.Record("store.commit", 2.5);
        var summary = recorder.Summary();
        var patch = summary["api PATCH pods/status"]!;
        Assert.Equal(100, patch["n"]!.GetValue<int>());
        Assert.Equal(50, patch["p50"]!.GetValue<double>());
        Assert.Equal(99, patch["p99"]!.GetValue<double>());
        Assert.Equal(100, patch["max"]!.GetValue<double>());
        Assert.Equal(5050, patch["total"]!.GetValue<double>());
        Assert.Equal(2.5, summary["store.commit"]!["p99"]!.GetValue<double>());
    }

    [Fact]
    public void Samples_AreBoundedPerKey_AndResetForgetsThem()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < LatencyRecorder.MaxSamplesPerKey + 500; i++) recorder.Record("k", i);
        Assert.Equal(LatencyRecorder.MaxSamplesPerKey, recorder.Summary()["k"]!["n"]!.GetValue<int>());
        recorder.Reset();
        Assert.Empty(recorder.Summary());
    }
}
