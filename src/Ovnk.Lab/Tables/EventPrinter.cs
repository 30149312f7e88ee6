using Ovnk.Lab.Objects;

namespace Ovnk.Lab.Tables;

/// <summary>events: LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE FIRST SEEN COUNT NAME (printers.go).</summary>
public static class EventPrinter
{
    /// <summary>The event printer.</summary>
    public static Printer Event { get; } = new(
        [new("Last Seen", "string"), new("Type", "string"), new("Reason", "string"), new("Object", "string"), new("Subobject", "string", 1),
         new("Source", "string", 1), new("Message", "string"), new("First Seen", "string", 1), new("Count", "string", 1),
         new("Name", "string", 1, "name")],
        (o, now) =>
        {
            var last = Meta.ParseTimestamp(Cells.Str(o, "lastTimestamp", Cells.Str(o, "eventTime", Meta.Get(o, "creationTimestamp") ?? "")));
            var first = Meta.ParseTimestamp(Cells.Str(o, "firstTimestamp", Meta.Get(o, "creationTimestamp") ?? ""));
            var kind = Cells.Str(o, "involvedObject.kind", "").ToLowerInvariant();
            return
            [
                last is { } l ? HumanDuration.Format(now - l) : "<unknown>", Cells.Str(o, "type", ""), Cells.Str(o, "reason", ""),
                $"{kind}/{Cells.Str(o, "involvedObject.name", "")}", Cells.Str(o, "involvedObject.fieldPath", ""),
                Cells.Str(o, "source.component", Cells.Str(o, "reportingComponent", "")), Cells.Str(o, "message", ""),
                first is { } f ? HumanDuration.Format(now - f) : "<unknown>", Cells.Str(o, "count", "1"), Meta.Name(o),
            ];
        });
}
