using System.Text;
using Ovnk.Lab.Streaming;

namespace Ovnk.Lab.Tests;

/// <summary>Following a log file for attach: only what is appended after opening, until the writer stops.</summary>
public sealed class FollowingFileStreamTests
{
    [Fact]
    public async Task Read_ShowsOnlyAppendedBytesAndEndsWhenTheWriterStops()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ovnk-follow-{Guid.NewGuid():N}.log");
        try
        {
            await File.WriteAllTextAsync(path, "before\n", TestContext.Current.CancellationToken);
            var running = new TaskCompletionSource();
            await using var stream = new FollowingFileStream(path, running.Task);
            var all = Task.Run(async () =>
            {
                var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, TestContext.Current.CancellationToken);
                return Encoding.UTF8.GetString(buffer.ToArray());
            }, TestContext.Current.CancellationToken);
            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.False(all.IsCompleted, "the stream waits while the writer runs");
            await File.AppendAllTextAsync(path, "after\n", TestContext.Current.CancellationToken);
            running.SetResult();
            Assert.Equal("after\n", await all.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
