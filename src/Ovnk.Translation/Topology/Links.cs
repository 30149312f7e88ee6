using Ovnk.Ovsdb.Schemas.Northbound;
using Ovnk.Translation.Rows;

namespace Ovnk.Translation.Topology;

/// <summary>The parent links translation uses.</summary>
internal static class Links
{
    public static ParentLink SwitchPort(string logicalSwitch) => new(LogicalSwitch.TableName, logicalSwitch, LogicalSwitch.Columns.Ports);

    public static ParentLink RouterPort(string router) => new(LogicalRouter.TableName, router, LogicalRouter.Columns.Ports);

    public static ParentLink Route(string router) => new(LogicalRouter.TableName, router, LogicalRouter.Columns.StaticRoutes);

    public static ParentLink Policy(string router) => new(LogicalRouter.TableName, router, LogicalRouter.Columns.Policies);

    public static ParentLink Nat(string router) => new(LogicalRouter.TableName, router, LogicalRouter.Columns.Nat);
}
