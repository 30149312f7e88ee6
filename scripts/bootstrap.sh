#!/usr/bin/env bash
# bootstrap.sh: make a fresh Debian 12 machine ready to build and run Ovnk. Idempotent and quiet when nothing is
# missing: apt runs only for packages that are absent, and the build is incremental (see scripts/build.sh).
#   scripts/bootstrap.sh            install what is missing, then build
#   scripts/bootstrap.sh --no-build install only
set -euo pipefail
cd "$(dirname "$0")/.."

# The real peers Ovnk talks to and the tools its tests use as oracles. Never Debian's kubernetes-client: it conflicts
# with the kubectl already on the machine.
PACKAGES=(
  openvswitch-switch ovn-central ovn-host python3-openvswitch   # OVSDB, ovs-vswitchd, ovn-northd/-controller, Python IDL
  containernetworking-plugins                                    # reference CNI plugins in /usr/lib/cni
  iproute2 iputils-ping ethtool netcat-openbsd curl util-linux   # netns, oracles, probes
  golang-go golang-github-appc-cni-dev                           # the libcni test harness (Go over Debian's libcni)
  openssl                                                        # ovs-pki and the lab API server's certificates
)

die() { echo "bootstrap: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (a fresh machine has no sudo): the lab and the tests create namespaces and start OVS."

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed; check the machine's package sources"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed; run it by hand to see why"
fi

command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: install dotnet-sdk-10.0 and put dotnet on PATH."
command -v kubectl >/dev/null || echo "bootstrap: note: kubectl not found; the lab and its tests need it (do not install Debian's kubernetes-client)." >&2

[ "${1:-}" = "--no-build" ] || exec scripts/build.sh
