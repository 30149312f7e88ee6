#!/usr/bin/env bash
# generate-schemas.sh: regenerate the typed OVSDB rows in src/Ovnk.Ovsdb.Schemas/*/Generated from the schemas the
# installed OVN/OVS packages ship. Commit the result; Ovnk.Ovsdb.Generator.Tests fails when it is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build src/Ovnk.Ovsdb.Generator -c Release -nologo -v q -clp:ErrorsOnly >&2
gen=src/Ovnk.Ovsdb.Generator/bin/Release/net10.0/Ovnk.Ovsdb.Generator
out=src/Ovnk.Ovsdb.Schemas
"$gen" /usr/share/ovn/ovn-nb.ovsschema "$out/Northbound/Generated" Ovnk.Ovsdb.Schemas.Northbound
"$gen" /usr/share/ovn/ovn-sb.ovsschema "$out/Southbound/Generated" Ovnk.Ovsdb.Schemas.Southbound
"$gen" /usr/share/openvswitch/vswitch.ovsschema "$out/Vswitch/Generated" Ovnk.Ovsdb.Schemas.Vswitch
