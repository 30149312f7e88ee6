#!/usr/bin/env bash
# build.sh: build the solution and publish the `ovnk` CLI when the sources changed since the last build.
# The stamp is a hash of every source file's path, size and mtime (cheap: no file is read), so an unchanged tree
# costs one `find` and no MSBuild call. Each publish goes into its own versioned directory and `.build/current` is
# switched with an atomic rename, so a running `ovnk` never sees a half-written binary.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

stamp() {
  # bench/ may not exist yet; a missing path would make find (and, with pipefail, the stamp) fail.
  find src tests $([ -d bench ] && echo bench) Directory.Build.props Directory.Packages.props global.json Ovnk.slnx \
    \( -name bin -o -name obj \) -prune -o -type f -printf '%p %s %T@\n' 2>/dev/null | sort | sha1sum | cut -c1-16
}

mkdir -p .build
want=$(stamp)
if [ "${1:-}" != "--force" ] && [ -f .build/stamp ] && [ "$(cat .build/stamp)" = "$want" ] && [ -x .build/current/ovnk ]; then
  exit 0
fi

echo "build: building Ovnk (Release)…" >&2
start=$(date +%s)
dotnet build Ovnk.slnx -c Release -nologo -v q -clp:ErrorsOnly >&2
out=".build/releases/$want"
rm -rf "$out"
dotnet publish src/Ovnk.Cli/Ovnk.Cli.csproj -c Release --no-build -nologo -v q -o "$out" >&2
ln -sfn "releases/$want" .build/current.tmp && mv -Tf .build/current.tmp .build/current
echo "$want" > .build/stamp
# Keep the three newest releases; a running lab may still use an older one.
ls -1dt .build/releases/* 2>/dev/null | tail -n +4 | xargs -r rm -rf
echo "build: done in $(( $(date +%s) - start )) s" >&2
