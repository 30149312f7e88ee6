namespace Ovnk.Lab.Tables;

/// <summary>A Table column definition (meta.k8s.io/v1 TableColumnDefinition); priority 1 shows only with -o wide.</summary>
public sealed record Column(string Name, string Type, int Priority = 0, string Format = "", string Description = "");
