using System.CommandLine;

namespace Ovnk.Cli.Mon;

/// <summary>
/// <c>ovnk mon</c>: the seed workshop's ovsdb-mon, done better. Reads the schema at run time, so it works on NB, SB
/// and Open_vSwitch alike: <c>show</c> lists tables, <c>list</c> prints rows as a table, <c>--auto</c> prints every
/// change live (old → new for only the changed columns), <c>save</c> writes the captured changes as JSON.
/// </summary>
internal static class MonCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "OVSDB remote: unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT (comma-separated for a cluster), or lab:nb, lab:sb, lab:NODE for the databases of `ovnk lab up`", Required = true, Recursive = true };
        var stateDir = new Option<string?>("--state-dir") { Description = $"With --db lab:…: the lab's state directory (default {LabRemote.DefaultStateDirectory})", Recursive = true };
        var auto = new Option<bool>("--auto") { Description = "Print every change as it happens, until Ctrl-C", Recursive = true };
        var monitor = new Option<string?>("--monitor") { Description = "Only these tables (comma-separated)", Recursive = true };
        var noMonitor = new Option<string?>("--no-monitor") { Description = "All tables but these (comma-separated)", Recursive = true };
        var database = new Option<string?>("--database") { Description = "Database name (default: the server's first non-_Server database)", Recursive = true };
        var maxEvents = new Option<int?>("--max-events") { Description = "With --auto: stop after this many changes", Recursive = true };

        var command = new Command("mon", "Watch and inspect an OVSDB database (NB, SB or Open_vSwitch), like ovsdb-mon.")
        {
            db, stateDir, auto, monitor, noMonitor, database, maxEvents,
        };
        MonOptions Read(ParseResult r) => new(r.GetValue(db)!, r.GetValue(database), r.GetValue(auto), Split(r.GetValue(monitor)),
            Split(r.GetValue(noMonitor)), r.GetValue(maxEvents), r.GetValue(stateDir));

        command.SetAction((r, ct) => MonRunner.RunAsync(Read(r), new MonAction.Watch(), ct));

        var show = new Command("show", "List the tables with their row counts.");
        show.SetAction((r, ct) => MonRunner.RunAsync(Read(r), new MonAction.Show(), ct));

        var table = new Argument<string>("table") { Description = "Table name, e.g. Logical_Switch" };
        var columns = new Argument<string[]>("columns") { Description = "Columns to print (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var filter = new Option<string[]>("--filter") { Description = "Only rows whose column equals the value: Col=Value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var list = new Command("list", "Print a table's rows.") { table, columns, filter };
        list.SetAction((r, ct) => MonRunner.RunAsync(Read(r),
            new MonAction.List(r.GetValue(table)!, r.GetValue(columns) ?? [], r.GetValue(filter) ?? []), ct));

        var file = new Argument<string>("file") { Description = "Where to write the captured changes (JSON)" };
        var save = new Command("save", "Capture changes (with --auto, until Ctrl-C or --max-events) and write them as JSON.") { file };
        save.SetAction((r, ct) => MonRunner.RunAsync(Read(r), new MonAction.Save(r.GetValue(file)!), ct));

        command.Subcommands.Add(show);
        command.Subcommands.Add(list);
        command.Subcommands.Add(save);
        return command;
    }

    private static IReadOnlyList<string> Split(string? tables) =>
        tables?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
