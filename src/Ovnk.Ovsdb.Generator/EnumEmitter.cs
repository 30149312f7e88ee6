namespace Ovnk.Ovsdb.Generator;

/// <summary>Emits a string enum as a C# enum plus its wire-name map (<c>allow-related</c> ↔ <c>AllowRelated</c>).</summary>
internal static class EnumEmitter
{
    public static string Emit(GeneratorContext context, EnumModel model)
    {
        var w = FileHeader.Start(context, "Ovnk.Ovsdb.Schemas.Typed");
        w.Line($"/// <summary>The values of <c>{model.Table}.{model.Column}</c>.</summary>");
        w.Open($"public enum {model.Name}");
        foreach (var (wire, member) in model.Values)
            w.Line($"/// <summary>Wire name <c>{Naming.Xml(wire)}</c>.</summary>").Line(member + ",");
        w.Close().Line();
        w.Line($"/// <summary>Wire names of <see cref=\"{model.Name}\"/>.</summary>");
        w.Open($"public static class {model.Name}Wire");
        w.Line("/// <summary>Reads and writes the enum as an OVSDB string atom.</summary>");
        w.Line($"public static AtomCodec<{model.Name}> Codec {{ get; }} = AtomCodecs.Enum<{model.Name}>({Naming.Literal(model.Name)}, Parse, ToWire);");
        w.Line();
        w.Line("/// <summary>The wire name.</summary>");
        w.Open($"public static string ToWire(this {model.Name} value) => value switch");
        foreach (var (wire, member) in model.Values)
            w.Line($"{model.Name}.{member} => {Naming.Literal(wire)},");
        w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"not a defined {model.Name}\"),");
        w.Close("};").Line();
        w.Line("/// <summary>The enum value of a wire name, or null for a name this schema version does not have.</summary>");
        w.Open($"public static {model.Name}? Parse(string wire) => wire switch");
        foreach (var (wire, member) in model.Values)
            w.Line($"{Naming.Literal(wire)} => {model.Name}.{member},");
        w.Line("_ => null,");
        w.Close("};");
        return w.Close().ToString();
    }
}
