#!/usr/bin/env bash
# Run the packaged app on a bare Debian 12 with no Python: a `debootstrap --variant=minbase bookworm`
# root plus only libgl1 libegl1 fontconfig-config fonts-dejavu-core (what the bundle cannot carry: the
# system's GL/EGL and a font). Unpacks the tar.gz from build.py into /opt there and runs the frozen smoke
# test inside the chroot (QT_QPA_PLATFORM=offscreen); smoke_test.py itself runs on this machine and only
# starts the executable in the chroot.
#
#   sudo build_scripts/bare_machine.sh [dist/encounter-guide-<version>-linux-x86_64.tar.gz]
#
# Needs root (debootstrap, chroot, mounting /proc) and the Debian mirror the first time; the root file
# system is cached in $EG_BARE_CACHE (default /tmp/encounter-guide-bare). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "bare_machine: run as root (debootstrap, chroot, mount)" >&2; exit 2; }

CACHE=${EG_BARE_CACHE:-/tmp/encounter-guide-bare}
ROOTFS=$CACHE/rootfs
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PKGS=(libgl1 libegl1 fontconfig-config fonts-dejavu-core)
PY=${PY:-.venv/bin/python}
TARBALL=${1:-$(ls -t dist/encounter-guide-*-linux-*.tar.gz 2>/dev/null | head -n 1)}
[ -f "${TARBALL:-}" ] || { echo "bare_machine: no tar.gz; run build_scripts/build.py first" >&2; exit 2; }
mkdir -p "$CACHE"

# 1. The bare system, built once and cached.
if [ ! -f "$ROOTFS/.debootstrap-done" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  rm -rf "$ROOTFS"
  echo "bare_machine: debootstrap --variant=minbase bookworm (about 30 s to a few minutes)"
  debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$CACHE/debootstrap.log" >&2; exit 1; }
  touch "$ROOTFS/.debootstrap-done"
fi
stamp="$ROOTFS/.pkgs-$(echo "${PKGS[*]}" | sha256sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "bare_machine: apt-get install --no-install-recommends ${PKGS[*]}"
  cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
  chroot "$ROOTFS" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  chroot "$ROOTFS" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PKGS[@]}" \
    >"$CACHE/apt.log" 2>&1 || { tail -n 20 "$CACHE/apt.log" >&2; exit 1; }
  chroot "$ROOTFS" apt-get clean
  touch "$stamp"
fi

# 2. Prove there is no Python to fall back on.
if chroot "$ROOTFS" sh -c 'command -v python3 || command -v python || ls /usr/lib/python3* /usr/lib/libpython3*' \
     >/dev/null 2>&1; then
  echo "bare_machine: the bare root has a Python; it is not bare" >&2
  exit 1
fi
echo "bare_machine: $(chroot "$ROOTFS" dpkg-query -W -f='.\n' | wc -l) Debian packages, no Python;" \
     "$(du -sh --exclude=opt "$ROOTFS" | cut -f1) root file system; added: ${PKGS[*]}"

# 3. Unpack the package, the way a user would.
rm -rf "$ROOTFS/opt/encounter-guide"
mkdir -p "$ROOTFS/opt"
tar -xzf "$TARBALL" -C "$ROOTFS/opt"
echo "bare_machine: unpacked $TARBALL into $ROOTFS/opt/encounter-guide"

# 4. Smoke test inside the chroot, with /proc mounted like on a real machine.
mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
trap 'umount "$ROOTFS/proc" 2>/dev/null || true' EXIT
set +e
"$PY" build_scripts/smoke_test.py /opt/encounter-guide/encounter-guide --root "$ROOTFS" \
  --json dist/bare-machine-report.json "${@:2}"
status=$?
set -e
if [ $status = 0 ]; then
  echo "bare_machine: PASSED on Debian 12 minbase + ${PKGS[*]} (no Python)"
else
  echo "bare_machine: FAILED (see above; dist/bare-machine-report.json)"
fi
exit $status
