using Ovnk.Ovsdb.Protocol;

namespace Ovnk.Ovsdb.Monitoring;

/// <summary>
/// One row change, in one form for all monitor flavours. <see cref="New"/> holds the whole new row (initial,
/// insert; a <c>monitor</c> modify). <see cref="Diff"/> holds an update2 modify: for scalar columns the new value,
/// for sets and maps the symmetric difference (ovsdb-server(7) §4.1.12). <see cref="Old"/> holds what the server
/// sent of the old row (a <c>monitor</c> delete or modify).
/// </summary>
public sealed record RowUpdate(string Table, Uuid Uuid, RowUpdateKind Kind, OvsdbRow? Old, OvsdbRow? New, OvsdbRow? Diff);
