using System.Threading.Channels;
using Ovnk.Ovsdb;
using Ovnk.Ovsdb.Cache;
using Ovnk.Ovsdb.Client;
using Spectre.Console;

namespace Ovnk.Cli.Mon;

/// <summary>Connects, builds a cache of the chosen tables, and runs one <see cref="MonAction"/>.</summary>
internal static class MonRunner
{
    public static async Task<int> RunAsync(MonOptions options, MonAction action, CancellationToken cancellationToken)
    {
        var console = MonPrinter.CreateConsole();
        try
        {
            var remote = LabRemote.Resolve(options.Remote, options.StateDirectory, File.Exists); // lab:nb|sb|NODE
            await using var client = await OvsdbClient.ConnectAsync(remote, cancellationToken: cancellationToken);
            var database = options.Database ?? await PickDatabaseAsync(client, cancellationToken);
            var schema = await client.GetSchemaAsync(database, cancellationToken);
            var tables = MonTables.Choose(schema, options, action);
            var cache = new DatabaseCache(schema);
            var events = Channel.CreateUnbounded<CacheEvent>();
            var live = false;
            cache.Observe(e => { if (live) events.Writer.TryWrite(e); });
            await client.MonitorAsync(database, tables.Select(t => new Ovsdb.Monitoring.MonitorTable(t)).ToArray(), cache,
                Ovsdb.Monitoring.MonitorFlavor.MonitorCond, cancellationToken: cancellationToken);
            live = true;
            var printer = new MonPrinter(console, cache);
            switch (action)
            {
                case MonAction.Show:
                    printer.Show(tables);
                    break;
                case MonAction.List list:
                    printer.List(list.Table, list.Columns, MonFilter.Parse(list.Filters, cache.Table(MonTables.Resolve(schema, list.Table)).Schema));
                    break;
            }
            if (!options.Auto && action is not MonAction.Save)
            {
                if (action is MonAction.Watch)
                    console.MarkupLine("[grey]Nothing to do: add --auto to watch changes, or use show, list or save.[/]");
                return 0;
            }
            // On stderr, so stdout stays the changes alone: scripts wait for this line before making changes.
            await Console.Error.WriteLineAsync($"watching {tables.Count} table(s) of {database} on {client.Endpoint}; Ctrl-C to stop");
            return await WatchAsync(options, action, printer, events.Reader, client, cancellationToken);
        }
        catch (Exception e) when (e is OvsdbException or FormatException or KeyNotFoundException or ArgumentException or IOException)
        {
            console.MarkupLineInterpolated($"[red]ovnk mon: {e.Message}[/]");
            return 1;
        }
    }

    private static async Task<int> WatchAsync(MonOptions options, MonAction action, MonPrinter printer,
        ChannelReader<CacheEvent> events, OvsdbClient client, CancellationToken cancellationToken)
    {
        var captured = new List<CacheEvent>();
        var count = 0;
        try
        {
            while (options.MaxEvents is not { } max || count < max)
            {
                var next = events.ReadAsync(cancellationToken).AsTask();
                if (await Task.WhenAny(next, client.Closed) != next)
                {
                    printer.Note($"the connection closed: {(await client.Closed)?.Message ?? "by us"}");
                    break;
                }
                var e = await next;
                count++;
                if (action is MonAction.Save)
                    captured.Add(e);
                else
                    printer.Change(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends the watch; a save still writes what it captured.
        }
        if (action is MonAction.Save save)
        {
            await MonEventLog.WriteAsync(save.File, captured, CancellationToken.None);
            printer.Note($"wrote {captured.Count} change(s) to {save.File}");
        }
        return 0;
    }

    private static async Task<string> PickDatabaseAsync(OvsdbClient client, CancellationToken cancellationToken)
    {
        var dbs = await client.ListDatabasesAsync(cancellationToken);
        return dbs.FirstOrDefault(d => d != "_Server")
            ?? throw new KeyNotFoundException("the server has no database but _Server; name one with --database");
    }
}
