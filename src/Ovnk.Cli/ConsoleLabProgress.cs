using System.Globalization;
using Ovnk.Lab.Cluster;
using Spectre.Console;

namespace Ovnk.Cli;

/// <summary>Prints each lab step with its time; plain text when stdout is not a terminal (Spectre drops the colour).</summary>
internal sealed class ConsoleLabProgress : ILabProgress
{
    public void StepDone(string step, TimeSpan elapsed, string? detail)
    {
        var seconds = elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        if (Console.IsOutputRedirected)
        {
            // Logs and tests: one unwrapped line per step.
            Console.WriteLine($" ✓ {step,-16} {seconds,6} s  {detail}");
            return;
        }
        AnsiConsole.MarkupLine($" [green]✓[/] {Markup.Escape(step),-16} [grey]{seconds,6} s[/]  {Markup.Escape(detail ?? "")}");
    }

    public void Info(string message) => AnsiConsole.MarkupLine($"   [grey]{Markup.Escape(message)}[/]");

    public static void Failed(LabException e)
    {
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine($" ✗ {e.Step}: {e.Cause}");
            if (e.LogFile is not null) Console.WriteLine($"   log: {e.LogFile}");
            Console.WriteLine($"   fix: {e.Fix}");
            if (e.Detail is not null) Console.WriteLine(Indent(e.Detail));
            return;
        }
        AnsiConsole.MarkupLine($" [red]✗[/] {Markup.Escape(e.Step)}: {Markup.Escape(e.Cause)}");
        if (e.LogFile is not null) AnsiConsole.MarkupLine($"   log: {Markup.Escape(e.LogFile)}");
        AnsiConsole.MarkupLine($"   fix: {Markup.Escape(e.Fix)}");
        if (e.Detail is not null) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(Indent(e.Detail))}[/]");
    }

    private static string Indent(string text) => "   " + text.Replace("\n", "\n   ", StringComparison.Ordinal);
}
