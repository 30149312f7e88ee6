#!/usr/bin/env bash
# test.sh: set up what the machine lacks, build, and run every test project. Ends with one line
# `N passed, N failed, N skipped` and exits non-zero on any failure (or on a build failure).
#   ./test.sh                      all test projects under tests/
#   ./test.sh Ovnk.Ovsdb.Tests     only the named projects
#   TEST_FILTER='-class Foo' ./test.sh ...   extra arguments for the xunit v3 runner
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

summary() { echo "$1 passed, $2 failed, $3 skipped"; }

scripts/bootstrap.sh --no-build || { summary 0 1 0; exit 1; }
if ! scripts/build.sh; then
  echo "test.sh: the build failed (errors above)." >&2
  summary 0 1 0
  exit 1
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
if [ $# -gt 0 ]; then projects=("$@"); else
  mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' -printf '%h\n' | xargs -n1 basename | sort)
fi

# Each project gets a hard bound so a hang fails the run instead of eating CI's 90 minutes.
PER_PROJECT_TIMEOUT=${PER_PROJECT_TIMEOUT:-900}
status=0
for p in "${projects[@]}"; do
  exe="tests/$p/bin/Release/net10.0/$p"
  if [ ! -x "$exe" ]; then echo "test.sh: $exe is missing (did the build skip it?)" >&2; status=1; continue; fi
  echo "=== $p" >&2
  # shellcheck disable=SC2086
  timeout --kill-after=10 "$PER_PROJECT_TIMEOUT" "$exe" -noLogo -xml "$results/$p.xml" ${TEST_FILTER:-} >&2
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "test.sh: $p exited with $rc$([ $rc -eq 124 ] && echo " (timed out after ${PER_PROJECT_TIMEOUT}s)")" >&2
    status=1
  fi
done

read -r passed failed skipped < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.xml"):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        f += 1
        continue
    for a in root.iter("assembly"):
        p += int(a.get("passed", 0)); f += int(a.get("failed", 0)) + int(a.get("errors", 0) or 0)
        s += int(a.get("skipped", 0)) + int(a.get("not-run", 0) or 0)
print(p, f, s)
PY
)
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
[ "$failed" -gt 0 ] && status=1
summary "$passed" "$failed" "$skipped"
exit $status
